package io.berth.server.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One cluster member in its own JVM, for the multi-process tests.
 *
 * <p>Arguments are key=value: scheme, host, offset, home, members (comma separated), domain,
 * heartbeat, failure, joinWait, mcGroup, mcTtl, out. It rewrites the file {@code out} every 200 ms
 * with "members N" and one "card host offset home ports" line per directory entry (tab separated),
 * or writes "failed message" and exits 2 if the start fails. It stops gracefully on "stop" or end of
 * standard input, so it also ends when the test JVM that launched it dies.
 */
public final class ClusterMemberMain {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path out = Path.of(opts.get("out"));
        ClusterSettings settings = settings(opts);
        int offset = Integer.parseInt(opts.get("offset"));
        ClusterEndpoint endpoint = new ClusterEndpoint(settings, ClusterEndpointTest.SECRET, offset,
                () -> "{\"http\":" + (8080 + offset) + "}");
        try {
            endpoint.start(io.berth.server.endpoint.TestPreflight.atOffset(opts.get("host"), offset,
                    Path.of(opts.get("home")), endpoint.portIds()));
        } catch (Exception e) {
            e.printStackTrace();
            write(out, "failed\t" + e.getMessage() + "\n");
            System.exit(2);
        }
        Thread stdinWatcher = new Thread(() -> awaitStop(endpoint), "stdin-watcher");
        stdinWatcher.start();
        while (stdinWatcher.isAlive()) {
            write(out, snapshot(endpoint));
            Thread.sleep(200);
        }
        System.exit(0);
    }

    private static void awaitStop(ClusterEndpoint endpoint) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                // wait
            }
        } catch (IOException e) {
            // treat as end of input
        }
        endpoint.stop();
    }

    private static ClusterSettings settings(Map<String, String> opts) {
        List<String> members = opts.getOrDefault("members", "").isBlank()
                ? List.of() : Arrays.asList(opts.get("members").split(","));
        ClusterSettings base = "multicast".equals(opts.get("scheme"))
                ? ClusterSettings.multicast() : ClusterSettings.wka(members);
        return base.withDomain(opts.getOrDefault("domain", ClusterSettings.DEFAULT_DOMAIN))
                .withMulticast(opts.getOrDefault("mcGroup", ClusterSettings.DEFAULT_MULTICAST_GROUP),
                        Integer.parseInt(opts.getOrDefault("mcTtl", "0")))
                .withTimeouts(Integer.parseInt(opts.getOrDefault("heartbeat", "1")),
                        Integer.parseInt(opts.getOrDefault("failure", "6")),
                        Integer.parseInt(opts.getOrDefault("joinWait", "1")));
    }

    private static String snapshot(ClusterEndpoint endpoint) {
        StringBuilder text = new StringBuilder("members\t").append(endpoint.memberCount()).append('\n');
        for (MemberCard card : endpoint.directory()) {
            text.append("card\t").append(card.host()).append('\t').append(card.offset()).append('\t')
                    .append(card.home()).append('\t').append(card.portsJson()).append('\n');
        }
        return text.toString();
    }

    /** Write-then-rename, so the test never reads a half-written snapshot. */
    private static void write(Path out, String text) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument '" + arg + "' must be key=value");
            }
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return opts;
    }
}
