package io.berth.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces as "hosts" of a test's own, each with its own port space and its own host
 * registry, so a test there may use fixed port numbers (offset 0, or an offset it must keep across a
 * restart) whatever runs on this host: {@link #create} makes two joined by a veth pair, {@link #isolated}
 * one with loopback only. Names carry this JVM's pid, so two runs never share a namespace. Needs root
 * and iproute2. {@link #close()} kills whatever still runs inside and deletes both namespaces (which
 * removes the veth pair too), also after a failure.
 */
final class NetNamespaces implements AutoCloseable {

    /**
     * One "host".
     *
     * @param registry the host registry of the instances on this host: two hosts share none
     */
    record Host(String namespace, String veth, String address, Path registry) {

        /** {@code ip netns exec NS}: runs a command inside the namespace. */
        List<String> prefix() {
            return List.of("ip", "netns", "exec", namespace);
        }
    }

    /** Where {@code ip netns exec} finds a namespace's own /etc files. */
    private static final Path ETC_NETNS = Path.of("/etc/netns");

    private final Host a;
    private final Host b;
    private final List<String> created = new ArrayList<>();

    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();

    private NetNamespaces(Path dir, boolean joined) {
        // Unique per JVM and per call; interface names must stay within 15 characters.
        String tag = Long.toString(ProcessHandle.current().pid() % 100_000) + SEQUENCE.incrementAndGet() % 10;
        a = new Host("berth-" + tag + "-a", "bv" + tag + "a", joined ? "10.214.0.1" : "127.0.0.1", dir.resolve("host-a-registry"));
        b = new Host("berth-" + tag + "-b", "bv" + tag + "b", "10.214.0.2", dir.resolve("host-b-registry"));
    }

    /** Why namespaces cannot be made here, or null if they probably can. */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root; running as " + System.getProperty("user.name");
        }
        try {
            Result list = exec("ip", "netns", "list");
            if (list.exit() != 0) {
                return "'ip netns list' failed: " + list.output();
            }
            Result curl = exec("curl", "--version");
            return curl.exit() == 0 ? null : "curl is not usable: " + curl.output();
        } catch (IOException e) {
            return "a command is missing (iproute2's ip, curl): " + e.getMessage();
        }
    }

    /**
     * Creates both namespaces with lo up and the veth pair, each end addressed /24; their registries
     * go under {@code dir}. What was made is removed again if a step fails.
     */
    /** A host's registry directory as Berth accepts one: this user's own, mode 0700. */
    private static void privateDirectory(Path registry) throws IOException {
        Files.createDirectories(registry);
        Files.setPosixFilePermissions(registry, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * {@link #create}, or the calling test skipped with the reason namespaces cannot be made here (not root,
     * no iproute2, or root in a container without CAP_NET_ADMIN: create() removes what it made).
     */
    static NetNamespaces createOrSkip(Path dir) {
        String reason = unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, () -> "skipped: cannot create network namespaces: " + reason);
        try {
            return create(dir);
        } catch (IOException e) {
            return org.junit.jupiter.api.Assumptions.abort("skipped: cannot create network namespaces: " + e.getMessage());
        }
    }

    static NetNamespaces create(Path dir) throws IOException {
        NetNamespaces net = new NetNamespaces(dir, true);
        try {
            for (Host host : List.of(net.a, net.b)) {
                must("ip", "netns", "add", host.namespace());
                net.created.add(host.namespace());
                privateDirectory(host.registry());
            }
            must("ip", "link", "add", net.a.veth(), "netns", net.a.namespace(), "type", "veth",
                    "peer", "name", net.b.veth(), "netns", net.b.namespace());
            for (Host host : List.of(net.a, net.b)) {
                must("ip", "-n", host.namespace(), "link", "set", "lo", "up");
                must("ip", "-n", host.namespace(), "addr", "add", host.address() + "/24", "dev", host.veth());
                must("ip", "-n", host.namespace(), "link", "set", host.veth(), "up");
            }
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** One namespace with loopback only (address 127.0.0.1): a host of the test's own; {@link #a()} is it. */
    static NetNamespaces isolated(Path dir) throws IOException {
        NetNamespaces net = new NetNamespaces(dir, false);
        try {
            must("ip", "netns", "add", net.a.namespace());
            net.created.add(net.a.namespace());
            privateDirectory(net.a.registry());
            must("ip", "-n", net.a.namespace(), "link", "set", "lo", "up");
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    Host a() {
        return a;
    }

    Host b() {
        return b;
    }

    /**
     * Makes {@code name} resolve to every given host's address inside every namespace of this pair, as a headless
     * Kubernetes service's name resolves to its pods' addresses: {@code ip netns exec NS} bind-mounts
     * {@code /etc/netns/NS/hosts} over {@code /etc/hosts} for what it runs. Takes effect for processes started
     * afterwards; {@link #close()} removes the files.
     */
    void resolve(String name, List<Host> hosts) throws IOException {
        StringBuilder text = new StringBuilder("127.0.0.1 localhost\n");
        hosts.forEach(host -> text.append(host.address()).append(' ').append(name).append('\n'));
        for (String ns : created) {
            Path dir = Files.createDirectories(ETC_NETNS.resolve(ns));
            Files.writeString(dir.resolve("hosts"), text, StandardCharsets.UTF_8);
        }
    }

    /** Cuts the host's wire without closing any socket: only heartbeats can tell its members are gone. */
    void unplug(Host host) throws IOException {
        must("ip", "-n", host.namespace(), "link", "set", host.veth(), "down");
    }

    @Override
    public void close() {
        for (String ns : created) {
            try {
                // Whatever still runs in the namespace was started by this test.
                for (String pid : exec("ip", "netns", "pids", ns).output().split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                Path etc = ETC_NETNS.resolve(ns);
                Files.deleteIfExists(etc.resolve("hosts"));
                Files.deleteIfExists(etc);
                Result deleted = exec("ip", "netns", "del", ns);
                if (deleted.exit() != 0) {
                    System.err.println("'ip netns del " + ns + "' failed: " + deleted.output());
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("cleanup of network namespace " + ns + " failed: " + e);
            }
        }
        created.clear();
    }

    /** What a command printed (standard output and error together) and how it exited. */
    record Result(int exit, String output) {
    }

    private static void must(String... command) throws IOException {
        Result result = exec(command);
        if (result.exit() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (" + result.exit() + "): " + result.output());
        }
    }

    /** Runs {@code command} (bounded, 30 s), e.g. under a host's {@link Host#prefix()}. */
    static Result exec(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' timed out");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new Result(process.exitValue(), output);
    }
}
