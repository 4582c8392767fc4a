package io.berth.server.thrift.xacml;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResourcePatternTest {
    @Test
    void singleStarStaysWithinOneSegment() {
        ResourcePattern p = ResourcePattern.of("/orders/*");
        assertTrue(p.matches("/orders/42"));
        assertTrue(p.matches("/orders/"));
        assertFalse(p.matches("/orders/42/items"));
        assertFalse(p.matches("/orders"));
        assertFalse(p.matches("/ordersX/1"));
    }

    @Test
    void doubleStarCrossesSegments() {
        ResourcePattern p = ResourcePattern.of("/orders/**");
        assertTrue(p.matches("/orders/42/items"));
        assertFalse(p.matches("/invoices/1"));
    }

    @Test
    void loneStarMatchesEverythingAndLiteralsAreNotRegex() {
        assertTrue(ResourcePattern.of("*").matches("/a/b/c"));
        ResourcePattern dotted = ResourcePattern.of("/files/a.txt");
        assertTrue(dotted.matches("/files/a.txt"));
        assertFalse(dotted.matches("/files/aXtxt"));
        assertTrue(ResourcePattern.of("/x/*.pdf").matches("/x/report.pdf"));
        assertFalse(ResourcePattern.of("/(a|b)").matches("/a"));
        assertThrows(IllegalArgumentException.class, () -> ResourcePattern.of(""));
    }
}
