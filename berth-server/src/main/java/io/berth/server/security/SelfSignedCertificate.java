package io.berth.server.security;

import io.berth.ports.BindAddress;
import io.berth.ports.HostPort;
import io.berth.server.files.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The install's own TLS server certificate and its key, made by the JDK's {@code keytool -genkeypair} into a
 * PKCS12 key store, as WSO2's documentation makes a product's key stores ("Creating New Keystores"). It is made
 * to what browsers and TLS clients ask of a leaf: a {@code serverAuth} extended key usage, each subject
 * alternative name once, and a validity that Apple's and Chrome's rules accept (NotAfter - NotBefore at most 398
 * days); {@link CertificateProfile} says when a start replaces it.
 *
 * <p>keytool rather than a library in the server: it is in every JDK, and nothing on the server's class path is
 * there only for the first start. (BouncyCastle did this before; its jars are signed, which costs every start
 * that opens its class path, whether it makes a certificate or not.) keytool runs as a process of its own, a
 * few hundred milliseconds, once per install and once a year at renewal.
 */
final class SelfSignedCertificate {

    /** NotBefore lies this far back, so a client whose clock runs a little behind still accepts it. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    /** keytool's -startdate in its absolute form, read in the time zone given to its JVM (UTC, below). */
    private static final DateTimeFormatter START_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** The environment variable that hands keytool the password; never on its command line, which others can read. */
    private static final String PASSWORD_VARIABLE = "BERTH_KEYSTORE_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 300;

    /**
     * How the store is protected beyond the JDK's defaults (documented overrides of the JDK's
     * {@code conf/security/java.security}, given to keytool's JVM as system properties). The key stays encrypted
     * with the JDK's algorithm (AES-256 under a PBKDF2-derived key), and the integrity MAC still checks the
     * password (through PKCS12's own key derivation), but each derivation runs one round instead of the JDK's
     * 10,000; the certificate, public anyway, is not encrypted. Rounds make each guess at a password a person chose
     * cost more; this one is 192 random bits, kept beside the store in a file only its owner reads, and guessing it
     * is hopeless however many rounds there are. Every round was paid again by every start that opened the store
     * (the key's 10,000: 38-40 ms of CPU in {@code KeyManagerFactory.init}, bench/RESULTS.md "Fourth pass").
     */
    private static final List<String> STORE_PROTECTION = List.of(
            "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
            "-J-Dkeystore.pkcs12.macIterationCount=1",
            "-J-Dkeystore.pkcs12.keyPbeIterationCount=1");

    private SelfSignedCertificate() {
    }

    /**
     * A PKCS12 key store holding a fresh EC P-256 key pair under {@code alias} and its self-signed certificate,
     * valid from an hour before {@code madeAt} for {@link CertificateProfile#VALIDITY}.
     *
     * @param names     the names and addresses clients dial, the first one the subject's (see {@link #names})
     * @param password  the store's and the key's password
     * @param directory where keytool writes, in a scratch directory removed after: the store's own private
     *                  directory, so that the new key never lies anywhere else
     * @return the store's bytes, to be written where it belongs
     * @throws GeneralSecurityException when keytool is missing, fails or does not finish within five minutes (a host under heavy load)
     */
    static byte[] keyStore(String alias, List<String> names, char[] password, Instant madeAt, Path directory)
            throws GeneralSecurityException, IOException {
        List<String> sans = names(names);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new GeneralSecurityException("cannot make the install's certificate: no keytool in " + keytool.getParent()
                    + " (run Berth on a JDK, or a runtime with keytool)");
        }
        // A directory of the user's own for keytool's file and its output; the store's bytes are read back from it.
        Path scratch = Files.createTempDirectory(directory, ".keytool-");
        try {
            Path store = scratch.resolve("store.p12");
            List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-noprompt",
                    "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=" + sans.get(0).replaceAll("[,=+<>#;\"\\\\]", "") + ", O=Berth",
                    "-startdate", START_DATE.format(madeAt.minus(CLOCK_SKEW)),
                    "-validity", String.valueOf(CertificateProfile.VALIDITY.toDays()),
                    // A client checks an address it dialled against iPAddress names only, never against dNSName.
                    "-ext", "SAN=" + sans.stream().map(name -> (isAddress(name) ? "ip:" : "dns:") + name).collect(Collectors.joining(",")),
                    "-ext", "EKU=serverAuth", "-ext", "KU:c=digitalSignature", "-ext", "BC:c=ca:false",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass:env", PASSWORD_VARIABLE,
                    "-J-Duser.timezone=UTC", "-J-XX:TieredStopAtLevel=1"));
            command.addAll(STORE_PROTECTION);
            Path output = scratch.resolve("keytool.out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put(PASSWORD_VARIABLE, new String(password));
            Process process = builder.start();
            process.getOutputStream().close();
            try {
                if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new GeneralSecurityException("keytool did not make the install's certificate within "
                            + KEYTOOL_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new GeneralSecurityException("interrupted while keytool made the install's certificate", e);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(store)) {
                throw new GeneralSecurityException("keytool could not make the install's certificate (exit " + process.exitValue()
                        + "): " + lastLine(Files.readString(output, StandardCharsets.UTF_8)));
            }
            return Files.readAllBytes(store);
        } finally {
            SecureFiles.deleteTree(scratch);
        }
    }

    /**
     * The subject alternative names, in order, each once (a duplicate SAN is refused by strict clients): the
     * given names without wildcards, then {@code localhost}, {@code 127.0.0.1} and {@code ::1}. One text per
     * address: {@code ::1} and {@code 0:0:0:0:0:0:0:1} are one SAN.
     */
    static List<String> names(List<String> names) {
        Set<String> sans = new LinkedHashSet<>();
        for (String name : names) {
            String bare = new HostPort(name, 0).host();
            if (!BindAddress.isWildcard(bare)) {
                sans.add(bare);
            }
        }
        sans.addAll(List.of("localhost", "127.0.0.1", "::1"));
        return new ArrayList<>(sans);
    }

    /** An IP address literal rather than a DNS name: no host name has a colon, nor four numeric labels. */
    private static boolean isAddress(String name) {
        return name.contains(":") || IPV4.matcher(name).matches();
    }

    private static String lastLine(String output) {
        String trimmed = output.strip();
        return trimmed.isEmpty() ? "(no output)" : trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }
}
