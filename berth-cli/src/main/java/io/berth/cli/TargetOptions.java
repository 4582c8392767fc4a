package io.berth.cli;

import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortSettingsException;
import io.berth.ports.RequestedOffset;
import io.berth.server.ServerSettings;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.HomeDetector;
import io.berth.server.config.PortSettings;
import io.berth.server.config.References;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that pick one instance's configuration and offset, shared by every command that plans
 * ports: a Berth deployment.toml, or a home (Berth or any WSO2 product), the product when detection
 * should be overridden, and the offset option.
 */
final class TargetOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "deployment.toml to read (default: <home>/conf/deployment.toml)")
    Path config;

    @Option(names = "--home", paramLabel = "DIR",
            description = "A Berth home or a WSO2 product home (Identity Server, API Manager, Micro Integrator, ...)")
    Path home;

    @Option(names = "--product", paramLabel = "NAME[-VERSION]",
            description = "The product: alone, its catalogue's defaults; with --home or --config, instead of detecting it"
                    + " (is-7.0.0, am-4.2.0, mi, si, ei-6.5.0, am-analytics, carbon)")
    String product;

    @Option(names = {"--offset", "--port-offset"}, paramLabel = "N|auto",
            description = "Port offset; wins over -DportOffset and [server] offset")
    String offset;

    @Option(names = "--verbose", description = "List each key of a Berth file that Berth does not use")
    boolean verbose;

    /** The command these options belong to, whose parsed arguments say which name of the offset option was typed. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The offset option's name as typed, when {@link StartArguments} read it; else found in the parsed arguments. */
    private String offsetName;

    /** The options as {@link StartArguments} read them without picocli; {@code offsetName} as typed, or {@code null}. */
    static TargetOptions of(Path config, String offset, String offsetName) {
        TargetOptions options = new TargetOptions();
        options.config = config;
        options.offset = offset;
        options.offsetName = offsetName;
        return options;
    }

    /**
     * The offset option as a source of the offset, named as the user typed it ({@code --offset} or
     * {@code --port-offset}), so that an error or a view never names the other spelling.
     */
    OffsetSetting offsetOption() {
        return new OffsetSetting("--offset".equals(typedOffsetName()) ? OffsetSource.OFFSET_OPTION : OffsetSource.OPTION, offset);
    }

    private String typedOffsetName() {
        if (offsetName != null || offset == null || command == null || command.commandLine().getParseResult() == null) {
            return offsetName;
        }
        // picocli keeps the arguments, not which alias matched: the last use wins, as picocli takes its value.
        String typed = null;
        List<String> arguments = command.commandLine().getParseResult().originalArgs();
        for (String argument : arguments) {
            for (String name : List.of("--offset", "--port-offset")) {
                if (argument.equals(name) || argument.startsWith(name + "=")) {
                    typed = name;
                }
            }
        }
        return typed;
    }

    /**
     * The port settings. A Berth file is validated whole, as {@code start} would; keys Berth does not
     * use make at most one line on {@code err} ({@code --verbose}: one per key); a WSO2 home makes none.
     */
    PortSettings settings(PrintWriter err) {
        if (config != null && home != null) {
            throw new PortSettingsException("Give --config FILE or --home DIR, not both (was --config " + config
                    + " --home " + home + ")");
        }
        PortSettings settings = load(config, home, product);
        validate(settings);
        reportUnused(settings, verbose, false, err);
        return settings;
    }

    /**
     * The Berth configuration as a client command that reads a few keys needs it ({@code kdc}, {@code status}):
     * loaded and its unused keys reported, but not validated whole, so a principal's password that refers to a
     * variable only the server's environment holds does not stop {@code kdc krb5conf}.
     */
    DeploymentConfig load(PrintWriter err) {
        PortSettings settings = load(config, home, product);
        reportUnused(settings, verbose, false, err);
        return berthConfig(settings);
    }

    /** The loaded Berth configuration; refuses a WSO2 product, which Berth does not run. */
    DeploymentConfig berthConfig(PrintWriter err) {
        return berthConfig(settings(err));
    }

    static DeploymentConfig berthConfig(PortSettings settings) {
        if (settings.config() == null) {
            throw new PortSettingsException(settings.product().describe() + " is a WSO2 product; Berth starts only Berth homes");
        }
        return settings.config();
    }

    RequestedOffset requestedOffset(PortSettings settings) {
        return settings.requestedOffset(offsetOption());
    }

    /**
     * One configuration: a home, a file, a product stated alone ({@code --product}: its catalogue's defaults), or the
     * current Berth home (every default when it has no file). With a home or a file, {@code product} overrides
     * detection, and every view says it was stated.
     */
    static PortSettings load(Path file, Path home, String product) {
        References references = References.ofProcess();
        if (home != null) {
            return PortSettings.ofHome(home, product, references);
        }
        if (product != null && file == null) {
            return PortSettings.ofProduct(HomeDetector.stated(product));
        }
        if (file != null && product != null && !HomeDetector.stated(product).isBerth()) {
            return PortSettings.ofWso2File(file, HomeDetector.stated(product), references);
        }
        return PortSettings.ofBerthFile(file != null ? file : BerthHome.defaultConfig(), file != null, references);
    }

    /**
     * What {@code start} would refuse in a Berth file, every command refuses: each feature's settings,
     * and the file's own {@code [server] offset} even where another source or a plan wins over it.
     */
    static void validate(PortSettings settings) {
        if (settings.config() != null) {
            ServerSettings.validate(settings.config());
        }
        if (settings.offset().present()) {
            RequestedOffset stated = RequestedOffset.parse(settings.offset());
            if (!stated.auto()) {
                settings.layout().at(io.berth.ports.Offset.of(stated.value(), stated.source()));
            }
        }
    }

    /** At most one line for a Berth file's unused keys, unless {@code verbose} asks for each. */
    static void reportUnused(PortSettings settings, boolean verbose, boolean severalFiles, PrintWriter err) {
        int unused = settings.unusedKeys().size();
        if (unused == 0) {
            return;
        }
        if (verbose || unused == 1) {
            // One key is named with its nearest Berth key: a misspelling is the likely cause.
            Warnings.print(err, settings.file(), settings.unusedKeys(), severalFiles);
            return;
        } else {
            err.println("berth: warning: Berth does not use " + unused + (unused == 1 ? " key" : " keys") + " of "
                    + settings.file() + " (--verbose lists " + (unused == 1 ? "it" : "them")
                    + "; a WSO2 product's file is read with --home or --product)");
        }
        err.flush();
    }
}
