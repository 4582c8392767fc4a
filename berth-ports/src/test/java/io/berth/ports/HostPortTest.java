package io.berth.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void anIpv6LiteralIsBracketedInEveryAuthorityAndUrl() {
        assertEquals("[::1]:9443", new HostPort("::1", 9443).toString());
        assertEquals("https://[::1]:9443/console", new HostPort("::1", 9443).url("https", "/console"));
        assertEquals("https://[fd00::2]/console", new HostPort("fd00::2", 443).url("https", "/console"));
        assertEquals("127.0.0.1:8000", new HostPort("127.0.0.1", 8000).toString());
        assertEquals("http://example.org/x", new HostPort("example.org", 80).url("http", "/x"));
        assertEquals("[::1]", HostPort.uriHost("::1"));
        assertEquals("[::1]", HostPort.uriHost("[::1]"));
    }

    @Test
    void everyIpv6LiteralPrintsInItsOneCanonicalForm() {
        assertEquals("[::1]:9443", new HostPort("0:0:0:0:0:0:0:1", 9443).toString());
        assertEquals("fd00::2", new HostPort("FD00:0:0:0:0:0:0:2", 0).host());
        assertEquals("2001:db8::1:0:0:1", new HostPort("2001:db8:0:0:1:0:0:1", 0).host());
        assertEquals("2001:db8:0:1:1:1:1:1", new HostPort("2001:db8::1:1:1:1:1", 0).host());
        assertEquals("::", new HostPort("0:0:0:0:0:0:0:0", 0).host());
        assertEquals("fe80::1%eth0", new HostPort("fe80:0:0:0:0:0:0:1%eth0", 0).host());
        assertEquals("berth.example.org", new HostPort("berth.example.org", 0).host());
        assertEquals("cafe", new HostPort("cafe", 0).host());
    }

    @Test
    void parsesEveryWayAnAddressIsWritten() {
        assertEquals(new HostPort("::1", 4000), HostPort.parse("[::1]:4000"));
        assertEquals(new HostPort("::1", 0), HostPort.parse("[::1]"));
        assertEquals(new HostPort("fd00::5", 0), HostPort.parse("fd00::5"));
        assertEquals(new HostPort("10.0.0.5", 4000), HostPort.parse("10.0.0.5:4000"));
        assertEquals(new HostPort("berth.example.org", 0), HostPort.parse("berth.example.org"));
        assertFalse(HostPort.parse("berth.example.org").hasPort());
        assertEquals(new HostPort("berth.example.org", 443), HostPort.parse("berth.example.org").orPort(443));
        assertEquals(new HostPort("h", 5), HostPort.parse("h:5").orPort(443));
    }

    @Test
    void badTextIsRefusedQuotingIt() {
        for (String bad : List.of("", ":4000", "host:", "host:abc", "host:70000", "[::1", "[::1]4000", "[]:1", "a/b:1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not host[:port]"), e.getMessage());
        }
    }

    @Test
    void aWildcardOverlapsEveryAddressAndConcreteOnesOnlyTheirOwn() throws Exception {
        BindAddress any4 = BindAddress.resolve("0.0.0.0");
        BindAddress any6 = BindAddress.resolve("::");
        BindAddress two = BindAddress.resolve("127.0.0.2");
        BindAddress three = BindAddress.resolve("127.0.0.3");
        assertTrue(any4.wildcard());
        assertTrue(any6.wildcard());
        assertTrue(BindAddress.isWildcard("[::]"));
        assertFalse(BindAddress.isWildcard("localhost"));
        assertTrue(any4.overlaps(two));
        assertTrue(three.overlaps(any6));
        assertFalse(two.overlaps(three));
        assertTrue(two.overlaps(BindAddress.resolve("127.0.0.2")));
        assertEquals(InetAddress.getLoopbackAddress(), any6.localDial());
    }

    @Test
    void anAdvertisedAddressIsNeverAWildcard() throws Exception {
        BindAddress any = BindAddress.resolve("0.0.0.0");
        assertThrows(IllegalArgumentException.class, () -> new SocketBinding("https", any, "::", 0));
        SocketBinding binding = new SocketBinding("https", any, "berth.example.org", 443);
        assertEquals("berth.example.org:443", binding.advertised(9443).toString());
        assertEquals("[::1]:9443", new SocketBinding("https", any, "::1", 0).advertised(9443).toString());
    }
}
