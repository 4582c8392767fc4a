package io.berth.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair: two "hosts" on one machine, each with its own
 * address and its own port space. Needs root and iproute2. {@link #close()} kills whatever still runs
 * inside and deletes both namespaces (which removes the veth pair too), also after a failure.
 */
final class NetNamespaces implements AutoCloseable {

    static final String NS_A = "berth-it-a";
    static final String NS_B = "berth-it-b";
    static final String ADDRESS_A = "10.214.0.1";
    static final String ADDRESS_B = "10.214.0.2";
    static final String VETH_A = "berthit-a";
    static final String VETH_B = "berthit-b";

    private final List<String> created = new ArrayList<>();

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
     * Creates both namespaces with lo up and the veth pair addressed {@value #ADDRESS_A}/24 and
     * {@value #ADDRESS_B}/24. Namespaces of these names left over by an aborted run are removed first.
     */
    void create() throws IOException {
        for (String ns : List.of(NS_A, NS_B)) {
            if (exec("ip", "netns", "list").output().lines().anyMatch(line -> line.split(" ")[0].equals(ns))) {
                created.add(ns);
            }
        }
        close();
        must("ip", "netns", "add", NS_A);
        created.add(NS_A);
        must("ip", "netns", "add", NS_B);
        created.add(NS_B);
        must("ip", "link", "add", VETH_A, "netns", NS_A, "type", "veth", "peer", "name", VETH_B, "netns", NS_B);
        setUp(NS_A, VETH_A, ADDRESS_A);
        setUp(NS_B, VETH_B, ADDRESS_B);
    }

    private static void setUp(String ns, String veth, String address) throws IOException {
        must("ip", "-n", ns, "link", "set", "lo", "up");
        must("ip", "-n", ns, "addr", "add", address + "/24", "dev", veth);
        must("ip", "-n", ns, "link", "set", veth, "up");
    }

    /** {@code ip netns exec NS}: runs a command inside the namespace. */
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

    record Result(int exit, String output) {
    }

    private static void must(String... command) throws IOException {
        Result result = exec(command);
        if (result.exit() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (" + result.exit() + "): " + result.output());
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
