package io.berth.cli;

import io.berth.server.files.SecureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "home",
        header = "Make bases: an instance's own conf/, repository/, logs/ and runtime/, run by this install.",
        description = {"An install (bin/, lib/, the shipped conf/) is replaceable; a base is the user's, and no rebuild or"
                + " upgrade of the install touches it, as Tomcat's CATALINA_BASE. One install runs many bases:"
                + " bin/berth.sh --base DIR (or BERTH_BASE=DIR) runs the base DIR."},
        subcommands = HomeCommand.Create.class)
final class HomeCommand {

    @Command(name = "create",
            header = "Make a new base at DIR from the install's shipped configuration.",
            description = {"Copies the install's conf/ (deployment.toml, log4j2.properties, entitlement-policies.toml)"
                    + " into DIR/conf; the base makes its own keys, passwords and logs on its first start.",
                    "DIR must not exist or be an empty directory; the base appears whole or not at all."})
    static final class Create implements Callable<Integer> {

        /**
         * What a base takes from the install: its configuration, but not the JVM options the install's jars need
         * (every server's, and a cluster member's).
         */
        private static final Set<String> INSTALL_ONLY = Set.of("jvm.options", "cluster.options");

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The directory of the new base")
        Path dir;

        @Override
        public Integer call() throws IOException {
            Path base = dir.toAbsolutePath().normalize();
            Path install = BerthHome.install();
            Path shipped = install.resolve("conf");
            if (!Files.isDirectory(shipped)) {
                spec.commandLine().getErr().println("berth: the install " + install + " has no conf/ to copy");
                return ExitCodes.FAILURE;
            }
            if (base.equals(install) || Stream.of("bin", "lib", "conf").map(install::resolve).anyMatch(base::startsWith)) {
                throw BadOption.of(spec, "DIR", dir, "it is the install " + install + " or inside its bin/, lib/ or conf/");
            }
            if (Files.exists(base) && !isEmptyDirectory(base)) {
                throw BadOption.of(spec, "DIR", dir, (Files.isDirectory(base)
                        ? "the directory is not empty" + (Files.exists(base.resolve("conf")) ? " (a base already?)" : "")
                        : "it is a file") + "; nothing was changed");
            }
            // Built beside its final place and renamed into it: a failed copy leaves no half-made base.
            Path parent = base.getParent();
            Files.createDirectories(parent);
            Path scratch = Files.createTempDirectory(parent, "." + base.getFileName() + ".");
            try {
                copyConf(shipped, scratch.resolve("conf"));
                SecureFiles.createPrivateDirectories(scratch.resolve("logs"));
                try {
                    Files.move(scratch, base, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                    Files.move(scratch, base);
                }
            } finally {
                SecureFiles.deleteTree(scratch);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created the base " + base + " from " + shipped);
            out.println("Start it with: " + Launcher.name() + " --base " + base + " start");
            out.flush();
            return ExitCodes.OK;
        }

        private static void copyConf(Path from, Path to) throws IOException {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path source : files.toList()) {
                    Path relative = from.relativize(source);
                    if (relative.getNameCount() == 1 && INSTALL_ONLY.contains(relative.toString())) {
                        continue;
                    }
                    Path copy = to.resolve(relative.toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(source, copy);
                    }
                }
            }
        }

        private static boolean isEmptyDirectory(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return false;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            }
        }
    }
}
