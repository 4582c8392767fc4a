package io.berth.server.security;

import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The instance's key pair and certificate, used by every TLS listener (HTTPS, Thrift).
 *
 * @param keyStore    holds the key entry
 * @param keyPassword opens the key entry; never logged, never shown
 * @param alias       the key entry's alias
 * @param source      where it came from, for the banner: the keystore file's path
 */
public record ServerIdentity(KeyStore keyStore, char[] keyPassword, String alias, String source) {

    /** A TLS context serving this identity's certificate. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a TLS context from " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ServerIdentity[" + alias + " from " + source + "]";
    }
}
