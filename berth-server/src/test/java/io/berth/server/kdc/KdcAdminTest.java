package io.berth.server.kdc;

import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offline administration: no server, no MIT tools needed. */
class KdcAdminTest {

    @TempDir
    Path home;

    @Test
    void keysAreAesOnlyAndDatabaseIsPrivate() throws Exception {
        KdcAdmin admin = new KdcAdmin(home, null);
        admin.initRealm();
        admin.addPrincipal("bob", "s3cret-password");

        assertEquals(List.of("bob@BERTH.LOCAL", "krbtgt/BERTH.LOCAL@BERTH.LOCAL"), admin.listPrincipals());
        Path db = KdcAdmin.stateDir(home).resolve(PrincipalDatabase.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(KdcAdmin.stateDir(home))));
        assertFalse(Files.readString(db).contains("s3cret-password"), "passwords are never stored");

        Path keytab = home.resolve("bob.keytab");
        admin.exportKeytab("bob@BERTH.LOCAL", keytab);
        List<KeytabEntry> entries = Keytab.loadKeytab(keytab.toFile())
                .getKeytabEntries(new PrincipalName("bob@BERTH.LOCAL"));
        Set<EncryptionType> types = entries.stream().map(e -> e.getKey().getKeyType()).collect(Collectors.toSet());
        assertEquals(Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96), types);
    }

    @Test
    void ensurePrincipalFollowsConfiguredPassword() throws Exception {
        KdcAdmin admin = new KdcAdmin(home, "EXAMPLE.ORG");
        assertEquals(KdcAdmin.Outcome.CREATED, admin.ensurePrincipal("carol", "first"));
        assertEquals(KdcAdmin.Outcome.UNCHANGED, admin.ensurePrincipal("carol@EXAMPLE.ORG", "first"));
        assertEquals(KdcAdmin.Outcome.REKEYED, admin.ensurePrincipal("carol", "second"));
        assertEquals(2, admin.database().load().get("carol@EXAMPLE.ORG").getKeyVersion());
    }

    @Test
    void rejectsDuplicatesForeignRealmsAndBadNames() throws Exception {
        KdcAdmin admin = new KdcAdmin(home, null);
        admin.addPrincipalWithRandomKey("HTTP/web.example");
        assertThrows(IllegalStateException.class, () -> admin.addPrincipalWithRandomKey("HTTP/web.example"));
        assertThrows(IllegalArgumentException.class, () -> admin.addPrincipal("dave@OTHER.REALM", "pw"));
        assertThrows(IllegalArgumentException.class, () -> admin.addPrincipal("bad name", "pw"));
        assertThrows(IllegalArgumentException.class, () -> admin.exportKeytab("nobody", home.resolve("x")));
    }

    @Test
    void krb5confPointsAtEffectivePort() {
        String udp = KdcAdmin.krb5conf("BERTH.LOCAL", "localhost", 8188);
        assertTrue(udp.contains("default_realm = BERTH.LOCAL"));
        assertTrue(udp.contains("kdc = localhost:8188"));
        assertTrue(udp.contains("udp_preference_limit = 1465"));
        assertTrue(udp.contains("permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96"));
        assertTrue(KdcAdmin.krb5conf("BERTH.LOCAL", "localhost", 8188, true).contains("udp_preference_limit = 1"));
        assertTrue(KdcAdmin.krb5conf("BERTH.LOCAL", "::1", 8188).contains("kdc = [::1]:8188"));
        assertThrows(IllegalArgumentException.class, () -> KdcAdmin.krb5conf("BERTH.LOCAL", "localhost", 0));
    }

    @Test
    void settingsNeverPrintPasswords() {
        KdcSettings s = new KdcSettings(null, List.of(new KdcSettings.PrincipalSpec("eve", "hunter2")), null);
        assertEquals("BERTH.LOCAL", s.realm());
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertThrows(IllegalArgumentException.class, () -> new KdcSettings("BAD REALM", null, null));
    }
}
