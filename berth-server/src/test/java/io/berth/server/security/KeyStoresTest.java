package io.berth.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated certificate as TLS clients judge it, read back by openssl, and its renewal at start. */
class KeyStoresTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "::1", "berth.example.org"})
    void generatedCertificateIsServerAuthWithEachNameOnceAndAtMost398Days(String hostname) throws Exception {
        X509Certificate certificate = certificate(KeyStores.load(Optional.empty(), home, hostname));

        Duration validity = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertTrue(validity.compareTo(Duration.ofDays(398)) <= 0, "NotAfter - NotBefore is " + validity);
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth EKU");
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> name.get(0) + ":" + name.get(1)).toList();
        assertEquals(names.stream().distinct().count(), names.size(), "a SAN listed twice: " + names);
        String expected = hostname.equals("::1") ? "7:0:0:0:0:0:0:0:1" : (hostname.equals("127.0.0.1") ? "7:" : "2:") + hostname;
        assertTrue(names.contains(expected), expected + " in " + names);

        String openssl = openssl(certificate, "-ext", "subjectAltName,extendedKeyUsage");
        assertTrue(openssl.contains("TLS Web Server Authentication"), openssl);
    }

    @Test
    void theGeneratedStoreKeepsTheKeyEncryptedWithTheJdksAlgorithmAndItsDerivationsCheap() throws Exception {
        KeyStores.load(Optional.empty(), home, "localhost");
        Path file = KeyStores.generatedKeyStore(home);
        String password = Files.readString(KeyStores.generatedPasswordFile(home)).strip();
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of("berth.p12", "berth.p12.password"), left.map(entry -> entry.getFileName().toString()).sorted().toList(),
                    "keytool's scratch directory is removed");
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        ProcessBuilder pkcs12 = new ProcessBuilder("openssl", "pkcs12", "-info", "-noout", "-in", file.toString(),
                "-passin", "env:STORE_PASSWORD").redirectErrorStream(true);
        pkcs12.environment().put("STORE_PASSWORD", password);
        Process process = pkcs12.start();
        process.getOutputStream().close();
        String info = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        // openssl pkcs12 -info: the MAC still checks the password and the key stays AES-256 encrypted, each key
        // derived in one round (the password is 192 random bits); the certificate bag sits in plain PKCS7 data, not in
        // encrypted data.
        assertTrue(info.contains("MAC: sha256, Iteration 1\n"), info);
        assertTrue(info.contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 1,"), info);
        assertFalse(info.contains("Encrypted data"), info);
        assertTrue(info.contains("Certificate bag"), info);
        assertEquals(null, System.getProperty("keystore.pkcs12.certProtectionAlgorithm"), "the write's settings outlive it");
        assertThrows(java.io.IOException.class, () -> read(file, "not-the-password".toCharArray()), "a wrong password still fails at load");
    }

    @Test
    void aCertificateWithinThirtyDaysOfExpiryIsRenewedAtStartKeepingThePassword() throws Exception {
        KeyStores.load(Optional.empty(), home, "localhost");
        Path file = KeyStores.generatedKeyStore(home);
        char[] password = Files.readString(KeyStores.generatedPasswordFile(home)).strip().toCharArray();
        writeCertificateMadeAt(file, password, Instant.now().minus(Duration.ofDays(380)));
        X509Certificate expiring = certificate(read(file, password));

        X509Certificate renewed = certificate(KeyStores.load(Optional.empty(), home, "localhost"));

        assertNotEquals(expiring.getPublicKey(), renewed.getPublicKey());
        assertTrue(renewed.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(390))), renewed.getNotAfter().toString());
        assertEquals(renewed, certificate(read(file, password)), "the renewed certificate is written back");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aCertificateWithMoreThanThirtyDaysLeftIsKept() throws Exception {
        KeyStores.load(Optional.empty(), home, "localhost");
        Path file = KeyStores.generatedKeyStore(home);
        char[] password = Files.readString(KeyStores.generatedPasswordFile(home)).strip().toCharArray();
        writeCertificateMadeAt(file, password, Instant.now().minus(Duration.ofDays(360)));
        X509Certificate current = certificate(read(file, password));

        assertEquals(current, certificate(KeyStores.load(Optional.empty(), home, "localhost")));
    }

    private static void writeCertificateMadeAt(Path file, char[] password, Instant madeAt) throws Exception {
        Files.write(file, SelfSignedCertificate.keyStore(KeyStores.GENERATED_ALIAS, List.of("localhost"), password, madeAt, file.getParent()));
    }

    private static KeyStore read(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static X509Certificate certificate(ServerIdentity identity) throws Exception {
        return certificate(identity.keyStore());
    }

    private static X509Certificate certificate(KeyStore store) throws Exception {
        return (X509Certificate) store.getCertificate(KeyStores.GENERATED_ALIAS);
    }

    private String openssl(X509Certificate certificate, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path pem = home.resolve("cert.pem");
        Files.writeString(pem, Pem.certificate(certificate));
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "x509", "-in", pem.toString(), "-noout"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
