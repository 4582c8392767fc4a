package io.berth.server.config;

import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortPlanner;
import io.berth.ports.PortProbe;
import io.berth.ports.RequestedOffset;
import io.berth.ports.TakenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything that decides one instance's ports, for every command: its configuration file, the
 * product it runs (with how Berth knows), its ports before any offset, and the offset its file
 * states. The one path from configuration and offset sources to a {@link PortPlan}:
 * {@link #requestedOffset} orders the sources once, {@link #plan} turns the request into ports.
 *
 * @param file       the configuration read (it may not exist: every default then); {@code null} for a product
 *                   stated by {@code --product} alone, which has only its catalogue's defaults
 * @param product    the catalogue and version, and the evidence for them
 * @param layout     configured bases and enabled features
 * @param offset     {@code [server] offset} as the file states it
 * @param unusedKeys keys of a Berth file that Berth does not use, each with the nearest known key;
 *                   always empty for a WSO2 home, whose every key WSO2 reads
 * @param config     the loaded Berth configuration, or {@code null} for a WSO2 product's file
 */
public record PortSettings(Path file, HomeProduct product, PortLayout layout, OffsetSetting offset, List<String> unusedKeys,
        DeploymentConfig config) {

    public PortSettings {
        unusedKeys = List.copyOf(unusedKeys);
    }

    /** A loaded Berth deployment.toml. */
    public static PortSettings of(DeploymentConfig config) {
        return new PortSettings(config.file(), HomeProduct.berth("a Berth deployment.toml"), PortConfiguration.layout(config),
                PortConfiguration.offset(config), config.warnings(), config);
    }

    /** A Berth deployment.toml; a file that does not exist gives every default. */
    public static PortSettings ofBerthFile(Path file, boolean mustExist, References references) {
        if (!mustExist && !Files.exists(file)) {
            return of(DeploymentConfig.empty(file));
        }
        return of(new DeploymentConfigLoader(references).load(file));
    }

    /**
     * A Berth home or any WSO2 product home, read as its product reads it.
     *
     * @param productOption {@code --product NAME[-VERSION]}, or {@code null} to detect it
     * @throws ConfigException when the home is none Berth knows, or its file is malformed
     */
    public static PortSettings ofHome(Path home, String productOption, References references) {
        Path productHome = HomeDetector.enclosingHome(home);
        if (!productHome.equals(home)) {
            // An EI 6 profile runs with its own directory as carbon.home: its ports are planned with its home's.
            HomeProduct enclosing = HomeDetector.detect(productHome, productOption);
            HomeProduct product = new HomeProduct(enclosing.catalogue(), enclosing.version(), enclosing.detectedFrom()
                    + "; " + productHome.relativize(home.toAbsolutePath().normalize()) + " is a profile of the home " + productHome);
            return Wso2Config.read(productHome, product, references);
        }
        HomeProduct product = HomeDetector.detect(home, productOption);
        if (product.isBerth()) {
            PortSettings berth = ofBerthFile(home.resolve(product.catalogue().configFile()), true, references);
            return new PortSettings(berth.file(), product, berth.layout(), berth.offset(), berth.unusedKeys(), berth.config());
        }
        return Wso2Config.read(home, product, references);
    }

    /**
     * A WSO2 product's port file given by itself ({@code --config FILE --product NAME}). A product that keeps its
     * ports in several files (EI 6, API-M Analytics) or in YAML is read from the home the file lies in.
     *
     * @throws ConfigException when such a product's file does not lie at its place in a home
     */
    public static PortSettings ofWso2File(Path file, HomeProduct product, References references) {
        String configFile = product.catalogue().configFile();
        if (configFile.endsWith(".toml")) {
            return Wso2Config.readFile(file, product, references);
        }
        Path relative = Path.of(configFile);
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.endsWith(relative) || absolute.getNameCount() <= relative.getNameCount()) {
            throw new ConfigException(file + ": " + product.describe() + " keeps its ports in " + configFile
                    + " and the files beside it; give its home with --home DIR");
        }
        Path home = absolute.getRoot().resolve(absolute.subpath(0, absolute.getNameCount() - relative.getNameCount()));
        return Wso2Config.read(home, product, references);
    }

    /**
     * A product stated by {@code --product} with no home or file: its catalogue's defaults, every feature the product
     * turns on by default, no offset of its own.
     */
    public static PortSettings ofProduct(HomeProduct product) {
        if (product.isBerth()) {
            return of(DeploymentConfig.empty(Path.of(product.catalogue().configFile())));
        }
        return new PortSettings(null, product, Wso2Config.defaults(product.catalogue()),
                OffsetSetting.absent(OffsetSource.CONFIG), List.of(), null);
    }

    /** The file read, or for a product stated alone its name: what views and messages call the configuration. */
    public String source() {
        return file != null ? file.toString() : product.describe();
    }

    /**
     * The offset the winning source asks for, sources highest first as DESIGN.md section 2 orders
     * them: the option, the {@code portOffset} system property, the file, else 0.
     *
     * @param option   {@code --offset}/{@code --port-offset}, or {@code null}
     * @param property the {@code portOffset} system property, or {@code null}
     */
    public RequestedOffset requestedOffset(String option, String property) {
        return RequestedOffset.resolve(new OffsetSetting(OffsetSource.OPTION, option),
                new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, property), offset);
    }

    /**
     * {@link #requestedOffset(String)} with the option as the user typed it: its source ({@link OffsetSource#OPTION}
     * or {@link OffsetSource#OFFSET_OPTION}) names that option in every message and view.
     */
    public RequestedOffset requestedOffset(OffsetSetting option) {
        return RequestedOffset.resolve(option,
                new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, System.getProperty(OffsetSource.PROPERTY_NAME)), offset);
    }

    /** {@link #requestedOffset} with this process's {@code portOffset} system property. */
    public RequestedOffset requestedOffset(String option) {
        return requestedOffset(option, System.getProperty(OffsetSource.PROPERTY_NAME));
    }

    /**
     * The checked plan for a request: the stated offset, or for {@code auto} the lowest at which
     * every port is free of {@code taken} and of what {@code probe} finds in use.
     */
    public PortPlan plan(RequestedOffset requested, TakenPorts taken, PortProbe probe) {
        return PortPlanner.plan(layout, requested, taken, probe);
    }

    /** The plan for {@code option} and this process's system property, {@code auto} asking only {@code probe}. */
    public PortPlan plan(String option, PortProbe probe) {
        return plan(requestedOffset(option), new TakenPorts(), probe);
    }
}
