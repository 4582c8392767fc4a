package io.berth.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.eclipse.jetty.util.MemoryUtils;
import org.junit.jupiter.api.Test;

class JettyMemoryLayoutTest {

    @Test
    void jettySeesTheReferenceSizeItWouldHaveAskedTheMBeanServerFor() throws Exception {
        Class.forName(ServletTransportEndpoint.class.getName());   // its initialiser declares the layout
        boolean compressedOops = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue());
        // What MemoryUtils computes when it asks the MBean server itself: integers per line with compressed oops, else longs.
        int expected = compressedOops ? MemoryUtils.getIntegersPerCacheLine() : MemoryUtils.getLongsPerCacheLine();
        assertEquals(String.valueOf(expected), System.getProperty(JettyMemoryLayout.REFERENCES_PER_CACHE_LINE));
        assertEquals(expected, MemoryUtils.getReferencesPerCacheLine());
    }
}
