package io.berth.server.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.Protocol;
import org.junit.jupiter.api.Test;

class SocketKeyTest {

    private static SocketKey tcp(int port, String address) {
        return new SocketKey(Protocol.TCP, port, address);
    }

    @Test
    void socketsOverlapOnlyOnTheSameProtocolPortAndAddress() {
        assertTrue(tcp(9443, "127.0.0.2").overlaps(tcp(9443, "127.0.0.2")));
        assertFalse(tcp(9443, "127.0.0.2").overlaps(tcp(9443, "127.0.0.3")));
        assertFalse(tcp(9443, "127.0.0.2").overlaps(tcp(9444, "127.0.0.2")));
        assertFalse(tcp(8000, "127.0.0.2").overlaps(new SocketKey(Protocol.UDP, 8000, "127.0.0.2")));
    }

    @Test
    void aWildcardOverlapsEveryAddressOfEitherFamily() {
        assertTrue(tcp(9443, "0.0.0.0").overlaps(tcp(9443, "127.0.0.3")));
        assertTrue(tcp(9443, "10.0.0.5").overlaps(tcp(9443, "0.0.0.0")));
        assertTrue(tcp(9443, "0:0:0:0:0:0:0:0").overlaps(tcp(9443, "127.0.0.1")));
        assertTrue(tcp(9443, "::").isWildcard());
    }

    @Test
    void oneAddressWrittenTwoWaysIsOneAddress() {
        assertTrue(tcp(9443, "::1").overlaps(tcp(9443, "0:0:0:0:0:0:0:1")));
        assertFalse(tcp(9443, "::1").overlaps(tcp(9443, "127.0.0.1")));
    }
}
