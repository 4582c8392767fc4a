package io.berth.server.thrift.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void roundTripsThroughItsEncoding() {
        PasswordHash hash = PasswordHash.create("s3cret".toCharArray(), 1_000);
        PasswordHash parsed = PasswordHash.parse(hash.encode());
        assertTrue(parsed.matches("s3cret".toCharArray()));
        assertFalse(parsed.matches("s3cres".toCharArray()));
        assertTrue(hash.encode().startsWith("pbkdf2-sha256:1000:"));
    }

    @Test
    void saltsDiffer() {
        assertNotEquals(PasswordHash.create("x".toCharArray(), 1_000).encode(),
                PasswordHash.create("x".toCharArray(), 1_000).encode());
    }

    @Test
    void rejectsMalformedEncodings() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("md5:abc"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:many:AA:AA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:0:AA:AA"));
    }
}
