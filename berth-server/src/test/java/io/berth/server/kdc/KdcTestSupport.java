package io.berth.server.kdc;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared helpers: free-port probing, and running MIT client tools. */
final class KdcTestSupport {

    static final String HOST = "127.0.0.1";

    private KdcTestSupport() {
    }

    /** Absolute path of an executable on PATH, or null. */
    static Path which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static void assumeMitClient() {
        Assumptions.assumeTrue(which("kinit") != null && which("klist") != null,
                "MIT Kerberos client not installed (kinit/klist missing): install package krb5-user "
                        + "(Debian/Ubuntu) or krb5-workstation (RHEL) to run the real-client KDC tests");
    }

    record Result(int exit, String out, String trace) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- output ---\n" + out + "\n--- KRB5_TRACE ---\n" + trace;
        }
    }

    /** Runs an MIT tool against {@code krb5conf} and {@code ccache}, feeding {@code stdin}. */
    static Result run(Path workDir, Path krb5conf, Path ccache, String stdin, String... cmd)
            throws IOException, InterruptedException {
        Path trace = Files.createTempFile(workDir, "trace", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KRB5"));
        env.put("KRB5_CONFIG", krb5conf.toString());
        env.put("KRB5CCNAME", "FILE:" + ccache);
        env.put("KRB5_TRACE", trace.toString());
        env.put("KRB5_KTNAME", "FILE:" + workDir.resolve("no-default.keytab"));
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out, Files.readString(trace));
    }

    static InetAddress loopback() throws IOException {
        return InetAddress.getByName(HOST);
    }
}
