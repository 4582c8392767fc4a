package io.berth.server.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair: two "hosts" on one machine. Needs root and iproute2.
 * {@link #close()} kills what runs inside and deletes both namespaces (which also removes the veth pair).
 */
final class NetNs implements AutoCloseable {

    record Result(int exit, String output) {
    }

    final String nsA;
    final String nsB;
    final String vethA;
    final String vethB;
    private final List<String> created = new ArrayList<>();

    /** @param tag short unique tag; interface names must stay within 15 characters */
    NetNs(String tag) {
        nsA = "berth-" + tag + "-a";
        nsB = "berth-" + tag + "-b";
        vethA = "bv" + tag + "a";
        vethB = "bv" + tag + "b";
    }

    /** Why namespaces cannot be made here, or null if they can. */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root; running as " + System.getProperty("user.name");
        }
        try {
            Result result = exec("ip", "netns", "list");
            return result.exit() == 0 ? null : "'ip netns list' failed: " + result.output();
        } catch (IOException e) {
            return "iproute2 'ip' command not available: " + e.getMessage();
        }
    }

    /** Creates both namespaces, the veth pair with addressA/24 and addressB/24, and brings lo up in each. */
    void create(String addressA, String addressB) throws IOException {
        must("ip", "netns", "add", nsA);
        created.add(nsA);
        must("ip", "netns", "add", nsB);
        created.add(nsB);
        must("ip", "link", "add", vethA, "netns", nsA, "type", "veth", "peer", "name", vethB, "netns", nsB);
        setUp(nsA, vethA, addressA);
        setUp(nsB, vethB, addressB);
    }

    private void setUp(String ns, String veth, String address) throws IOException {
        must("ip", "-n", ns, "link", "set", "lo", "up");
        must("ip", "-n", ns, "addr", "add", address + "/24", "dev", veth);
        must("ip", "-n", ns, "link", "set", veth, "up");
    }

    /** Cuts the wire without closing any socket: only heartbeats can tell the member is gone. */
    void unplug(String ns, String veth) throws IOException {
        must("ip", "-n", ns, "link", "set", veth, "down");
    }

    static List<String> prefix(String ns) {
        return List.of("ip", "netns", "exec", ns);
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
                exec("ip", "netns", "del", ns);
            } catch (IOException | RuntimeException e) {
                System.err.println("cleanup of network namespace " + ns + " failed: " + e);
            }
        }
        created.clear();
    }

    private static void must(String... command) throws IOException {
        Result result = exec(command);
        if (result.exit() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (" + result.exit() + "): "
                    + result.output());
        }
    }

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
