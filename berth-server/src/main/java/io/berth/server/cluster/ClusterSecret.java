package io.berth.server.cluster;

import io.berth.server.config.ConfigException;
import io.berth.server.files.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The key every member of one cluster shares, with which each signs its port-directory card (HMAC-SHA256):
 * Hazelcast's open-source member port authenticates nobody, so the directory must prove itself. From
 * {@code [clustering] secret} (best {@code "$env{BERTH_CLUSTER_SECRET}"}); absent, generated at first start
 * into {@code repository/security/cluster.secret}, readable by the owner only, for the operator to give to
 * the other members. Never logged, never shown by {@link #toString()}.
 */
public final class ClusterSecret {

    public static final String KEY = "clustering.secret";
    /** Fewer bytes than this would make the MAC guessable offline. */
    private static final int MIN_BYTES = 16;
    private static final Logger LOG = LogManager.getLogger(ClusterSecret.class);

    private final byte[] key;

    private ClusterSecret(byte[] key) {
        this.key = key.clone();
    }

    /**
     * @param secret the secret as text, at least 16 bytes
     * @throws IllegalArgumentException for a shorter one
     */
    public static ClusterSecret of(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("secret must be at least " + MIN_BYTES + " bytes (was " + bytes.length + ")");
        }
        return new ClusterSecret(bytes);
    }

    /** {@code <home>/repository/security/cluster.secret}. */
    public static Path file(Path home) {
        return home.resolve("repository").resolve("security").resolve("cluster.secret");
    }

    /**
     * The configured secret, else the home's generated one (made now if absent).
     *
     * @throws ConfigException naming {@code [clustering] secret} when the configured one is too short
     */
    public static ClusterSecret resolve(Optional<String> configured, Path home) {
        if (configured.isPresent()) {
            try {
                return of(configured.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("[clustering] " + e.getMessage());
            }
        }
        Path file = file(home);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                SecureFiles.createPrivateDirectories(file.getParent());
                SecureFiles.writeAtomically(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
                LOG.warn("Generated a cluster secret in {}: members sign their port-directory cards with it, and a card "
                        + "signed with another secret is ignored. Give every member the same one: [clustering] secret = "
                        + "\"$env{BERTH_CLUSTER_SECRET}\" with the file's content in that variable", file);
            }
            return of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the cluster secret " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cluster secret file " + file + ": " + e.getMessage() + "; delete it to generate a new one");
        }
    }

    /** HMAC-SHA256 of {@code text}, Base64. */
    String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is {@link #sign(String)} of {@code text}, compared in constant time. */
    boolean verifies(String text, String signature) {
        return signature != null && java.security.MessageDigest.isEqual(
                sign(text).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ClusterSecret[***]";
    }
}
