package io.berth.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.core.util.ShutdownCallbackRegistry;
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
 * there (98 classes a start otherwise never loads). Any other configuration (XML, JSON, YAML, a list of
 * files, a lookup, a URL, a {@code log4j2.configurationFactory} of the user's) is left to log4j to pick.
 *
 * <p>log4j's own shutdown hook is turned off: the start's end stops logging ({@link #stop()}, and the
 * running instance's shutdown hook after the instance has stopped), so that the last lines are written.
 */
final class BackgroundLogging {

    private final Thread setUp;

    private BackgroundLogging(Thread setUp) {
        this.setUp = setUp;
    }

    static BackgroundLogging begin() {
        // log4j registers a shutdown hook of its own for every configuration that does not say "shutdownHook = disable"
        // (WSO2's do not), and for one handed to it directly, as here, whatever it says; that hook would stop logging
        // while the instance's hook is still stopping the instance and logging so.
        System.setProperty(ShutdownCallbackRegistry.SHUTDOWN_HOOK_ENABLED, "false");
        Thread setUp = new Thread(BackgroundLogging::setUp, "berth-logging-setup");
        // A start that fails on its configuration exits at once; it need not wait for logging it never uses.
        setUp.setDaemon(true);
        setUp.start();
        return new BackgroundLogging(setUp);
    }

    private static void setUp() {
        if (!startedWithPropertiesFile()) {
            // log4j chooses a factory, reads the file its own way, and reports what is wrong with it, as it always has.
            LogManager.getContext(false);
        }
    }

    /** Starts log4j's context with the launcher's properties file; false when there is none, or it is not usable. */
    private static boolean startedWithPropertiesFile() {
        Optional<Path> properties = propertiesFile();
        if (properties.isEmpty() || !(LogManager.getFactory() instanceof Log4jContextFactory core)) {
            return false;
        }
        // The context every logger of this class loader gets, not started yet.
        ClassLoader loader = BackgroundLogging.class.getClassLoader();
        LoggerContext context = core.getSelector().getContext(BackgroundLogging.class.getName(), loader, false);
        ConfigurationSource source = ConfigurationSource.fromUri(properties.get().toUri());
        Configuration configuration;
        try {
            configuration = source == null ? null : new PropertiesConfigurationFactory().getConfiguration(context, source);
        } catch (RuntimeException unusable) {
            return false;   // unreadable, a component without a type, a number that is not one
        }
        if (configuration == null) {
            return false;
        }
        // Starts the context with it, unless another thread has already started the context its own way.
        core.getContext(BackgroundLogging.class.getName(), loader, null, false, configuration);
        return true;
    }

    /** The one {@code .properties} file log4j is told to read (the setting read as log4j reads it); empty to let log4j choose. */
    private static Optional<Path> propertiesFile() {
        PropertiesUtil settings = PropertiesUtil.getProperties();
        return propertiesFile(settings.getStringProperty(ConfigurationFactory.CONFIGURATION_FILE_PROPERTY),
                settings.getStringProperty(ConfigurationFactory.CONFIGURATION_FACTORY_PROPERTY) != null);
    }

    /**
     * @param location      log4j's {@code log4j2.configurationFile} setting, or {@code null}
     * @param factoryChosen whether {@code log4j2.configurationFactory} names a factory the user chose
     * @return the file when {@code location} is one existing {@code .properties} file (a path or a {@code file:}
     *         URI; the extension matched as log4j matches it, case and all) and no factory is chosen; empty for
     *         anything log4j must resolve itself (a list, a {@code ${...}} lookup, a class path or HTTP location,
     *         another format, a missing file)
     */
    static Optional<Path> propertiesFile(String location, boolean factoryChosen) {
        if (location == null || factoryChosen || location.contains(",") || location.contains("${")
                || !location.endsWith(".properties")) {
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

    /**
     * Stops logging, its appenders flushed and closed, when it has been set up: for a start that ends without
     * serving (a running instance's shutdown hook stops logging after the instance's last line). While the set-up is
     * still running nothing has been logged, and nothing is waited for.
     */
    void stop() {
        if (!setUp.isAlive()) {
            LogManager.shutdown();
        }
    }
}
