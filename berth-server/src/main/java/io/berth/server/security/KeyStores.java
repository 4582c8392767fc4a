package io.berth.server.security;

import io.berth.server.config.ConfigException;
import io.berth.server.files.SecureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Loads the configured keystore, or the install's own, generating that one on first start (and renewing its
 * certificate at a start within 30 days of its expiry, see {@link SelfSignedCertificate}): a fresh
 * EC P-256 key pair and self-signed certificate in a PKCS12 file, its random password in a file only
 * the owner can read. No key or password ships with Berth.
 */
public final class KeyStores {

    private static final Logger LOG = LogManager.getLogger(KeyStores.class);

    public static final String GENERATED_ALIAS = "berth";

    private KeyStores() {
    }

    /** {@code <home>/repository/security/berth.p12}, the generated keystore. */
    public static Path generatedKeyStore(Path home) {
        return home.resolve("repository").resolve("security").resolve("berth.p12");
    }

    /** The file next to the generated keystore holding its password. */
    public static Path generatedPasswordFile(Path home) {
        return generatedKeyStore(home).resolveSibling("berth.p12.password");
    }

    /** {@link #load(Optional, Path, List)} for one name. */
    public static ServerIdentity load(Optional<KeyStoreSettings> configured, Path home, String hostname) {
        return load(configured, home, List.of(hostname));
    }

    /**
     * @param names the names and addresses clients dial (the advertised hosts), the first one the subject's;
     *              a generated certificate carries each as a subject alternative name, with localhost,
     *              127.0.0.1 and ::1 besides; wildcards are left out, since no client dials one
     * @throws ConfigException when a configured keystore is missing, unreadable or its password is wrong
     */
    public static ServerIdentity load(Optional<KeyStoreSettings> configured, Path home, List<String> names) {
        if (configured.isPresent()) {
            return loadConfigured(configured.get());
        }
        Path file = generatedKeyStore(home);
        Path passwordFile = generatedPasswordFile(home);
        if (!Files.exists(file)) {
            generate(file, passwordFile, names);
        }
        try {
            char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
            KeyStore store = renewIfDue(read(file, "PKCS12", password), file, password, names);
            return new ServerIdentity(store, password, GENERATED_ALIAS, file.toString());
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("generated keystore " + file + " cannot be opened with " + passwordFile
                    + " (" + e.getMessage() + "); delete both to generate new ones");
        }
    }

    private static ServerIdentity loadConfigured(KeyStoreSettings settings) {
        if (Files.isDirectory(settings.file())) {
            throw new ConfigException("[keystore.primary] file_name: " + settings.file() + " is a directory, not a keystore");
        }
        KeyStore store;
        try {
            store = read(settings.file(), settings.type(), settings.password().toCharArray());
        } catch (NoSuchFileException e) {
            throw new ConfigException("[keystore.primary] file_name: keystore " + settings.file() + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("[keystore.primary] password: cannot open keystore " + settings.file()
                    + " (wrong password or not a " + settings.type() + " keystore)");
        } catch (GeneralSecurityException e) {
            throw new ConfigException("[keystore.primary] type: cannot read keystore " + settings.file() + " as "
                    + settings.type() + ": " + e.getMessage());
        }
        try {
            String alias = settings.alias().orElseGet(() -> firstKeyAlias(store, settings.file()));
            if (!store.isKeyEntry(alias)) {
                throw new ConfigException("[keystore.primary] alias: keystore " + settings.file() + " has no key entry '" + alias + "'");
            }
            char[] keyPassword = settings.keyPassword().toCharArray();
            store.getKey(alias, keyPassword);
            return new ServerIdentity(store, keyPassword, alias, settings.file().toString());
        } catch (GeneralSecurityException e) {
            throw new ConfigException("[keystore.primary] key_password: cannot open the key in " + settings.file()
                    + ": " + e.getMessage());
        }
    }

    private static String firstKeyAlias(KeyStore store, Path file) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return alias;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException("[keystore.primary] file_name: cannot list " + file + ": " + e.getMessage());
        }
        throw new ConfigException("[keystore.primary] file_name: keystore " + file + " holds no private key");
    }

    private static KeyStore read(Path file, String type, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    /**
     * Replaces the generated certificate, and its key, when {@link CertificateProfile#renewalReason} says
     * so; the password file stays. Clients that pinned the old certificate must fetch the new one.
     */
    private static KeyStore renewIfDue(KeyStore store, Path file, char[] password, List<String> names)
            throws GeneralSecurityException, IOException {
        Optional<String> reason = renewalReason(store);
        if (reason.isEmpty()) {
            return store;
        }
        LOG.info("Renewing this install's certificate in {}: {}", file, reason.get());
        SecureFiles.writeAtomically(file, SelfSignedCertificate.keyStore(GENERATED_ALIAS, names, password, Instant.now(), file.getParent()));
        return read(file, "PKCS12", password);
    }

    /** Why the generated certificate in {@code store} must be renewed now, if it must. */
    private static Optional<String> renewalReason(KeyStore store) throws GeneralSecurityException {
        X509Certificate current = (X509Certificate) store.getCertificate(GENERATED_ALIAS);
        return current == null ? Optional.of("it has no certificate") : CertificateProfile.renewalReason(current, Instant.now());
    }

    private static void generate(Path file, Path passwordFile, List<String> names) {
        LOG.info("Generating this install's key pair and certificate for {} in {}", new LinkedHashSet<>(names), file);
        try {
            SecureFiles.createPrivateDirectories(file.getParent());
            char[] password = randomPassword();
            byte[] store = SelfSignedCertificate.keyStore(GENERATED_ALIAS, names, password, Instant.now(), file.getParent());
            SecureFiles.writeAtomically(passwordFile, new String(password));
            SecureFiles.writeAtomically(file, store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated keystore " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key pair: " + e.getMessage(), e);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
