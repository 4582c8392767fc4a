package io.berth.cli;

import io.berth.ports.OffsetSource;
import io.berth.ports.PortPlan;
import io.berth.ports.RequestedOffset;
import io.berth.ports.TakenPorts;
import io.berth.ports.SocketProbe;
import io.berth.ports.HostPort;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.PortSettings;
import io.berth.server.config.SocketBindingConfiguration;
import io.berth.server.files.SecureFiles;
import io.berth.server.report.PortView;
import io.berth.server.kdc.KdcAdmin;
import io.berth.server.kdc.KdcConfiguration;
import io.berth.server.kdc.KdcEndpoint;
import io.berth.server.lifecycle.RuntimeFile;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "kdc",
        header = "Manage the Kerberos KDC of this base: principals, keytabs, a krb5.conf for clients.",
        description = "These work whether the server runs or not.")
final class KdcCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions configOptions;

    @Command(name = "add-principal", header = "Create a principal. The password is read from standard input, never from the command line.")
    int addPrincipal(
            @Parameters(paramLabel = "NAME", description = "e.g. alice or HTTP/host") String name,
            @Option(names = "--random-key", description = "Give it a random key and no password (for services: export a keytab)")
            boolean randomKey) throws IOException {
        KdcAdmin admin = admin();
        if (randomKey) {
            admin.addPrincipalWithRandomKey(name);
        } else {
            admin.addPrincipal(name, readPassword(name));
        }
        out().println("Created principal " + admin.qualify(name));
        out().flush();
        return ExitCodes.OK;
    }

    @Command(name = "keytab", header = "Export a principal's keys to a keytab file (mode 0600).")
    int keytab(
            @Parameters(paramLabel = "NAME", description = "The principal, e.g. HTTP/web; the realm is added") String name,
            @Option(names = "--out", paramLabel = "FILE", required = true,
                    description = "The keytab to write, atomically and readable by the owner only") Path file) throws IOException {
        KdcAdmin admin = admin();
        admin.exportKeytab(name, file);
        out().println("Wrote the keys of " + admin.qualify(name) + " to " + file);
        out().flush();
        return ExitCodes.OK;
    }

    @Command(name = "krb5conf", header = "Print a krb5.conf pointing at this instance's KDC, at the address it advertises.",
            description = "With --out FILE the file is written whole or not at all; a shell redirect (> FILE) creates"
                    + " the file before berth runs, and leaves it empty when berth fails.")
    int krb5conf(@Option(names = "--tcp", description = "Make clients use TCP rather than UDP") boolean tcp,
                 @Option(names = "--out", paramLabel = "FILE",
                         description = "Write it to FILE (atomically, mode 0600) rather than to standard output") Path file)
            throws IOException {
        DeploymentConfig config = configOptions.load(spec.commandLine().getErr());
        HostPort kdc = kdcAddress(config);
        String krb5conf = KdcAdmin.krb5conf(KdcConfiguration.realm(config), kdc.host(), kdc.port(), tcp);
        if (file != null) {
            SecureFiles.writeAtomically(file, krb5conf);
            out().println("Wrote a krb5.conf for kdc " + kdc + " to " + file);
        } else {
            out().print(krb5conf);
        }
        out().flush();
        return ExitCodes.OK;
    }

    /**
     * The KDC's advertised address. An offset the user stated ({@code --offset}/{@code --port-offset} or
     * {@code -DportOffset}) wins: the address is the one planned at it, whatever runs. With none stated, the
     * running instance's (its offset may have been auto), else the one its configuration plans.
     */
    private HostPort kdcAddress(DeploymentConfig config) {
        PortSettings settings = PortSettings.of(config);
        RequestedOffset requested = configOptions.requestedOffset(settings);
        boolean stated = requested.source() == OffsetSource.OPTION || requested.source() == OffsetSource.OFFSET_OPTION
                || requested.source() == OffsetSource.SYSTEM_PROPERTY;
        Optional<PortView> running = stated ? Optional.empty() : new RuntimeFile(BerthHome.current()).readLive()
                .flatMap(record -> record.ports().enabled(KdcEndpoint.PORT_ID))
                .filter(port -> port.advertised() != null);
        if (running.isPresent()) {
            return HostPort.parse(running.get().advertised());
        }
        PortPlan plan = settings.plan(requested, new TakenPorts(), new SocketProbe());
        return SocketBindingConfiguration.read(config).advertised(plan, KdcEndpoint.PORT_ID);
    }

    private KdcAdmin admin() throws IOException {
        DeploymentConfig config = configOptions.load(spec.commandLine().getErr());
        return new KdcAdmin(BerthHome.current(), KdcConfiguration.realm(config));
    }

    private String readPassword(String name) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] password = console.readPassword("Password for %s: ", name);
            return password == null ? "" : new String(password);
        }
        byte[] line = System.in.readNBytes(4096);
        return new String(line, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
