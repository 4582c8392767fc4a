package io.berth.server.http;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells Jetty the JVM's reference size before Jetty asks for it the slow way.
 *
 * <p>Unless the system property {@value #REFERENCES_PER_CACHE_LINE} is set, the static initialiser of
 * Jetty's {@code org.eclipse.jetty.util.MemoryUtils} (jetty-util 12.1) builds the platform MBean server, with
 * every platform MBean, only to read the JVM option {@code UseCompressedOops}; it runs on Jetty's start, on
 * the path to the first HTTPS answer, and costs tens of milliseconds more than the same question asked of the
 * diagnostic MXBean alone. This sets the property to what Jetty would compute (its
 * {@code org.eclipse.jetty.util.cacheLineBytes}, default 64, over 4 bytes a reference with compressed oops, else
 * 8), so a server without JMX never builds the MBean server, and one with JMX builds it on the JMX endpoint's
 * own start thread.
 */
final class JettyMemoryLayout {

    /** The system property Jetty's {@code MemoryUtils} reads before asking the MBean server. */
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    /** The cache line size Jetty assumes, in bytes, and the property that changes it. */
    static final String CACHE_LINE_BYTES = "org.eclipse.jetty.util.cacheLineBytes";
    private static final int DEFAULT_CACHE_LINE_BYTES = 64;

    private JettyMemoryLayout() {
    }

    /** Sets {@value #REFERENCES_PER_CACHE_LINE} unless the user set it; call before Jetty's first start. */
    static void declare() {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) != null) {
            return;
        }
        try {
            System.setProperty(REFERENCES_PER_CACHE_LINE, String.valueOf(cacheLineBytes() / referenceBytes()));
        } catch (RuntimeException notHotSpot) {
            // A JVM without HotSpot's diagnostic MXBean or its option: Jetty asks in its own way, as before.
        }
    }

    private static int cacheLineBytes() {
        try {
            return Integer.parseInt(System.getProperty(CACHE_LINE_BYTES, String.valueOf(DEFAULT_CACHE_LINE_BYTES)));
        } catch (NumberFormatException e) {
            // Jetty falls back the same way.
            return DEFAULT_CACHE_LINE_BYTES;
        }
    }

    private static int referenceBytes() {
        HotSpotDiagnosticMXBean diagnostic = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return Boolean.parseBoolean(diagnostic.getVMOption("UseCompressedOops").getValue()) ? 4 : 8;
    }
}
