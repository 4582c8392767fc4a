package io.berth.server.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS client for a running instance's API that trusts exactly that instance's certificate,
 * so client tools need no trust-all shortcut.
 */
public final class InstanceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;

    public InstanceClient(ServerIdentity identity) {
        this.http = HttpClient.newBuilder().sslContext(trusting(identity)).connectTimeout(TIMEOUT).build();
    }

    /** GETs {@code url} and returns the body; an answer other than 200 is an IOException naming the status. */
    public String get(URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static SSLContext trusting(ServerIdentity identity) {
        try {
            return trusting(identity.keyStore().getCertificate(identity.alias()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate of " + identity.source() + ": " + e.getMessage(), e);
        }
    }

    /** A TLS context that trusts {@code certificate} and nothing else: no CA bundle, no trust-all. */
    public static SSLContext trusting(Certificate certificate) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("berth-instance", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context trusting one certificate: " + e.getMessage(), e);
        }
    }
}
