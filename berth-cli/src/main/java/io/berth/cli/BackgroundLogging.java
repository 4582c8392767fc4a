package io.berth.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.core.util.ShutdownCallbackRegistry;
import org.apache.logging.log4j.spi.LoggerContextFactory;
import org.apache.logging.log4j.util.PropertiesUtil;

/**
 * log4j2 takes about a third of a second to set itself up (its plugins, its configuration file, its
 * appenders) before the first line is logged: a quarter of what a user waits for at start-up. A start
 * sets it up on a second thread while the main thread reads the configuration and reserves the ports,
 * and waits for it before anything logs.
 *
 * <p>The configuration {@code bin/berth.sh} names ({@code conf/log4j2.properties}, the file WSO2 products
 * ship) is read by log4j's own {@link PropertiesConfigurationFactory}, the factory log4j would pick for it.
 * Letting log4j pick costs more than reading the file: it makes one of each configuration factory it
 * knows first, and its JSON and YAML factories each initialize Jackson's databinding to see whether it is
 * there, a few hundred classes a start otherwise never loads. Any other configuration (XML, JSON, YAML, a
 * list of files, a URL, a factory of the user's own) is left to log4j to pick, as before.
 */
final class BackgroundLogging {

    private final Thread setUp;

    private BackgroundLogging(Thread setUp) {
        this.setUp = setUp;
    }

    static BackgroundLogging begin() {
        // The start's own shutdown hook stops logging once the instance has stopped, so that its last lines are
        // written. log4j's hook would stop it at the same time: log4j registers one for every configuration that does
        // not say "shutdownHook = disable" (WSO2's do not), and for one handed to it directly, as here, whatever it says.
        System.setProperty(ShutdownCallbackRegistry.SHUTDOWN_HOOK_ENABLED, "false");
        Thread setUp = new Thread(BackgroundLogging::setUp, "berth-logging-setup");
        // A start that fails on its configuration exits at once; it need not wait for logging it never uses.
        setUp.setDaemon(true);
        setUp.start();
        return new BackgroundLogging(setUp);
    }

    private static void setUp() {
        LoggerContextFactory factory = LogManager.getFactory();
        Optional<Path> properties = propertiesFile();
        if (properties.isEmpty() || !(factory instanceof Log4jContextFactory contexts)) {
            LogManager.getContext(false);
            return;
        }
        // The context every logger of this class loader gets (log4j keys contexts by class loader), not started yet.
        ClassLoader loader = BackgroundLogging.class.getClassLoader();
        LoggerContext context = contexts.getSelector().getContext(BackgroundLogging.class.getName(), loader, false);
        Configuration configuration;
        try {
            configuration = new PropertiesConfigurationFactory().getConfiguration(context, ConfigurationSource.fromUri(properties.get().toUri()));
        } catch (RuntimeException unusable) {
            // A file log4j cannot use (unreadable, or a component it does not know): log4j reports it and falls back
            // as it always has.
            LogManager.getContext(false);
            return;
        }
        // Starts the context with it, unless another thread has already started the context its own way.
        contexts.getContext(BackgroundLogging.class.getName(), loader, null, false, configuration);
    }

    /** The one {@code .properties} file log4j is told to read, as log4j itself reads the setting; empty when log4j must choose. */
    private static Optional<Path> propertiesFile() {
        PropertiesUtil settings = PropertiesUtil.getProperties();
        return propertiesFile(settings.getStringProperty(ConfigurationFactory.CONFIGURATION_FILE_PROPERTY),
                settings.getStringProperty(ConfigurationFactory.CONFIGURATION_FACTORY_PROPERTY) != null);
    }

    /**
     * @param location        log4j's {@code log4j2.configurationFile} setting, or {@code null}
     * @param factoryOfItsOwn whether {@code log4j2.configurationFactory} names a factory the user chose
     * @return the file when {@code location} is one existing {@code .properties} file (a path or a {@code file:}
     *         URI) and no factory is chosen; empty for anything log4j must resolve itself (a list, a
     *         {@code ${...}} lookup, a class path or HTTP location, another format, a missing file)
     */
    static Optional<Path> propertiesFile(String location, boolean factoryOfItsOwn) {
        if (location == null || factoryOfItsOwn || location.contains(",") || location.contains("${")
                || !location.toLowerCase(Locale.ROOT).endsWith(".properties")) {
            return Optional.empty();
        }
        Path file;
        try {
            file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        } catch (IllegalArgumentException notAPath) {   // InvalidPathException too
            return Optional.empty();
        }
        return Files.isRegularFile(file) ? Optional.of(file.toAbsolutePath()) : Optional.empty();
    }

    /**
     * Waits until logging is set up. Must come before the first logger is used: log4j2 lets a second
     * thread that asks for a context being started go on with the default configuration, which drops
     * INFO lines.
     */
    void await() throws InterruptedException {
        setUp.join();
    }
}
