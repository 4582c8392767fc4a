package io.berth.cli;

import io.berth.ports.PortCatalogue;
import io.berth.ports.PortProbe;
import io.berth.ports.Protocol;
import io.berth.ports.SocketProbe;
import io.berth.server.host.ProcessIdentity;
import io.berth.server.host.ProcNet;
import io.berth.server.host.SocketEntry;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.lifecycle.RuntimeFile;
import io.berth.server.report.PortView;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stop",
        header = "Stop this base's instance gracefully (SIGTERM) and wait until every port is released.",
        description = "Exit 0 once it has stopped and released its ports, 3 when it was not running, 1 when it did not stop in time.")
final class StopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the instance to stop (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        RuntimeFile runtimeFile = new RuntimeFile(BerthHome.current());
        Optional<InstanceRecord> live = runtimeFile.readLive();
        if (live.isEmpty()) {
            out.println("Berth is not running in " + BerthHome.current());
            out.flush();
            return ExitCodes.NOT_RUNNING;
        }
        InstanceRecord instance = live.get();
        ProcessHandle process = ProcessHandle.of(instance.pid()).orElse(null);
        if (process != null) {
            process.destroy();
            try {
                process.onExit().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                spec.commandLine().getErr().println("berth: instance (pid " + instance.pid() + ") did not stop within "
                        + timeoutSeconds + " s; `kill -9 " + instance.pid() + "` forces it");
                return ExitCodes.FAILURE;
            }
        }
        List<PortView> held = awaitReleased(instance, Duration.ofSeconds(10));
        // The stopped JVM's sockets die with it: a port bound again by a process not of this base (a neighbour's
        // auto start took the freed offset) is not this stop's failure; one held by a process of this base is.
        held = held.stream().filter(port -> heldByThisBase(port, instance.home())).toList();
        if (!held.isEmpty()) {
            spec.commandLine().getErr().println("berth: instance stopped but ports are still held: "
                    + held.stream().map(port -> port.id() + " " + port.effective()).toList());
            return ExitCodes.FAILURE;
        }
        out.println("Berth stopped in " + instance.home() + " (pid " + instance.pid() + "); every port released");
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Waits, bounded, until every port the instance had bound can be bound again where it was bound; returns those
     * still held. Another instance at the same offset on another address (127.0.0.2 beside 127.0.0.3) holds the same
     * numbers without holding these sockets, so each port is probed on its own addresses, not on the wildcard.
     */
    private static List<PortView> awaitReleased(InstanceRecord instance, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            // A fixed port (the multicast group port) is shared by design: every member on this host binds it,
            // so another member may hold it after this one is gone. It is not this instance's to release.
            List<PortView> held = instance.ports().ports().stream()
                    .filter(port -> Boolean.TRUE.equals(port.bound()))
                    .filter(port -> PortCatalogue.BERTH.port(port.id()).offsetApplied())
                    .filter(port -> !free(probeWhereBound(port), port))
                    .toList();
            if (held.isEmpty() || System.nanoTime() > deadline) {
                return held;
            }
            Thread.sleep(100);
        }
    }

    /** A probe on the addresses a port was bound to ({@code 127.0.0.2:9443,[::1]:9443}), else on the wildcard. */
    private static PortProbe probeWhereBound(PortView port) {
        if (port.address() == null || port.address().isBlank()) {
            return new SocketProbe();
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String socket : port.address().split(",")) {
            String host = socket.substring(0, socket.lastIndexOf(':')).replace("[", "").replace("]", "");
            try {
                addresses.add(InetAddress.getByName(host));
            } catch (UnknownHostException notALiteral) {
                return new SocketProbe();
            }
        }
        return new SocketProbe(addresses);
    }

    /** Whether a process whose command line names this base ({@code -Dberth.home=<base>}) listens on the port. */
    private static boolean heldByThisBase(PortView port, String home) {
        Set<Long> inodes = ProcNet.listeners().stream().filter(socket -> socket.port() == port.effective())
                .map(SocketEntry::inode).collect(Collectors.toSet());
        return ProcessHandle.allProcesses()
                .filter(process -> ProcessIdentity.arguments(process.pid()).contains("-Dberth.home=" + home))
                .anyMatch(process -> ProcNet.socketInodes(process.pid()).stream().anyMatch(inodes::contains));
    }

    private static boolean free(PortProbe probe, PortView port) {
        for (Protocol protocol : PortCatalogue.BERTH.port(port.id()).protocols()) {
            if (!probe.isFree(port.effective(), protocol)) {
                return false;
            }
        }
        return true;
    }
}
