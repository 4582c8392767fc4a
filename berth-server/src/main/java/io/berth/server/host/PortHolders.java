package io.berth.server.host;

import io.berth.ports.Protocol;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Names who holds a port from what the kernel tells: this very process (and, when a JVM option opened it, which
 * option), another Berth instance by home and offset, else a process by pid and command, as far as the OS lets
 * us see.
 */
public final class PortHolders {

    /** How a description of this very process begins. */
    public static final String THIS_PROCESS = "this process itself";
    private static final String HOME_PROPERTY = "-Dberth.home=";
    /** JVM options that make the JVM itself listen on a port: its JMX agent (JDK's management agent properties). */
    private static final List<String> JVM_LISTENER_OPTIONS = List.of(
            "-Dcom.sun.management.jmxremote.port=", "-Dcom.sun.management.jmxremote.rmi.port=");

    /** Tells the offset of a Berth home that runs, from its runtime file. */
    private final Function<Path, Optional<Integer>> offsetOfHome;

    public PortHolders(Function<Path, Optional<Integer>> offsetOfHome) {
        this.offsetOfHome = offsetOfHome;
    }

    /**
     * {@code this process itself: the JVM's own JMX agent, opened by -Dcom.sun.management.jmxremote.port=11111 ...},
     * {@code Berth instance /opt/berth at offset 3 (pid 1234)}, {@code pid 99 (nc -l 9443)}, or a plain
     * statement that the OS does not say.
     */
    public String describe(int port, Protocol protocol) {
        List<Long> inodes = ProcNet.listeners().stream()
                .filter(entry -> entry.port() == port && entry.protocol() == protocol)
                .map(SocketEntry::inode)
                .toList();
        if (inodes.isEmpty()) {
            return "a process the OS does not name (no listener in /proc/net; the port may be held in another namespace)";
        }
        long self = ProcessHandle.current().pid();
        if (ProcNet.socketInodes(self).stream().anyMatch(inodes::contains)) {
            return describeSelf(port);
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(path -> Long.parseLong(path.getFileName().toString()))
                    .filter(pid -> ProcNet.socketInodes(pid).stream().anyMatch(inodes::contains))
                    .findFirst()
                    .map(this::describeProcess)
                    .orElse("another user's process (the OS does not tell which)");
        } catch (IOException notLinux) {
            return "another process (the OS does not tell which)";
        }
    }

    /**
     * The port is held by this JVM, not by another instance: most often its own JMX agent, turned on by a JVM
     * option (in {@code JAVA_OPTS}) that names the port.
     */
    static String describeSelf(int port) {
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            for (String option : JVM_LISTENER_OPTIONS) {
                if (argument.equals(option + port)) {
                    return THIS_PROCESS + " (pid " + ProcessHandle.current().pid() + "): the JVM's own JMX agent listens there,"
                            + " turned on by the JVM option " + argument + " (from JAVA_OPTS or the launcher); remove it or give"
                            + " the agent another port";
                }
            }
        }
        return THIS_PROCESS + " (pid " + ProcessHandle.current().pid() + "): a listener this JVM opened outside Berth's"
                + " registry, such as its JMX agent (-Dcom.sun.management.jmxremote.port in JAVA_OPTS)";
    }

    private String describeProcess(long pid) {
        Optional<String> home = ProcessIdentity.arguments(pid).stream()
                .filter(argument -> argument.startsWith(HOME_PROPERTY))
                .map(argument -> argument.substring(HOME_PROPERTY.length()))
                .findFirst();
        if (home.isPresent()) {
            Optional<Integer> offset = offsetOfHome.apply(Path.of(home.get()));
            return "Berth instance " + home.get() + offset.map(value -> " at offset " + value).orElse("") + " (pid " + pid + ")";
        }
        String command = ProcessIdentity.commandLine(pid);
        return "pid " + pid + " (" + (command.length() > 120 ? command.substring(0, 117) + "..." : command) + ")";
    }
}
