package io.berth.server.security;

import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.eclipse.jetty.util.ssl.AliasedX509ExtendedKeyManager;

/**
 * The instance's key pair and certificate, and the one TLS context made from them that every TLS listener
 * serves (HTTPS, Thrift, JMX off loopback).
 */
public final class ServerIdentity {

    /** JSSE's name for the context of every TLS version the JDK's security properties allow (1.3 and 1.2 by default). */
    private static final String TLS = "TLS";

    private final KeyStore keyStore;
    private final char[] keyPassword;
    private final String alias;
    private final String source;
    /** Made on first use; guarded by this. */
    private SSLContext sslContext;

    /**
     * @param keyStore    holds the key entry
     * @param keyPassword opens the key entry; never logged, never shown
     * @param alias       the key entry's alias
     * @param source      where it came from, for the banner: the keystore file's path
     */
    public ServerIdentity(KeyStore keyStore, char[] keyPassword, String alias, String source) {
        this.keyStore = keyStore;
        this.keyPassword = keyPassword;
        this.alias = alias;
        this.source = source;
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    public String alias() {
        return alias;
    }

    public String source() {
        return source;
    }

    /**
     * Sets up what every TLS context of this JVM shares, whatever its key: JSSE's provider, and the protocol versions
     * and cipher suites the JDK's security properties allow. It reads no key store and parses no certificate, so
     * nothing is logged; a start does it while logging is still being set up, and {@link #sslContext()} after.
     *
     * @throws IllegalStateException when this Java runtime offers no TLS
     */
    public static void prepareJsse() {
        try {
            SSLContext.getInstance(TLS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime offers no TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The TLS context serving this identity's certificate, made on the first call and the same one after: the key
     * is decrypted and JSSE set up once for all listeners, and a start makes it before anything binds. Its key
     * managers always choose {@link #alias()}, as Jetty's own {@code certAlias} does (with the same
     * {@code AliasedX509ExtendedKeyManager}), so a key store with several keys serves the configured one on every
     * listener.
     *
     * @throws IllegalStateException when the key cannot be opened or JSSE refuses it
     */
    public synchronized SSLContext sslContext() {
        if (sslContext == null) {
            try {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore, keyPassword);
                KeyManager[] keyManagers = factory.getKeyManagers();
                for (int i = 0; i < keyManagers.length; i++) {
                    if (keyManagers[i] instanceof X509ExtendedKeyManager x509) {
                        keyManagers[i] = new AliasedX509ExtendedKeyManager(x509, alias);
                    }
                }
                SSLContext context = SSLContext.getInstance(TLS);
                // No trust managers: every listener serves without client certificates, and none would ask these
                // for one; null would make JSSE read the JDK's whole cacerts store to build defaults it never uses.
                context.init(keyManagers, new TrustManager[0], new SecureRandom());
                sslContext = context;
            } catch (Exception e) {
                throw new IllegalStateException("cannot build a TLS context from " + source + ": " + e.getMessage(), e);
            }
        }
        return sslContext;
    }

    @Override
    public String toString() {
        return "ServerIdentity[" + alias + " from " + source + "]";
    }
}
