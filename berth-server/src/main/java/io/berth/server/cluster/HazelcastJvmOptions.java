package io.berth.server.cluster;

import java.util.List;

/**
 * JVM options the launcher must pass to a server that runs the cluster endpoint.
 *
 * <p>Hazelcast 5 on Java 17 logs a warning at startup naming exactly these module options
 * (from {@code com.hazelcast.internal.util.ModularJavaUtils}, checked against 5.7.0). Without them it
 * still works but falls back to slower paths (no direct-buffer cleaner, no OS/JVM metrics).
 * {@code ALL-UNNAMED} because Berth runs Hazelcast from the class path, not the module path.
 */
public final class HazelcastJvmOptions {

    public static final List<String> MODULE_OPTIONS = List.of(
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /**
     * Routes the few messages Hazelcast logs before a member's own config is read (e.g. the module
     * warning above) to log4j2 too; the member config sets the same type for everything after.
     */
    public static final String LOGGING_OPTION = "-Dhazelcast.logging.type=log4j2";

    private HazelcastJvmOptions() {
    }
}
