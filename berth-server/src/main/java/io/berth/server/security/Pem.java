package io.berth.server.security;

import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

/**
 * PEM text (RFC 7468): the one encoder of certificates for files and downloads that {@code curl --cacert},
 * {@code openssl -CAfile} and browsers read.
 */
public final class Pem {

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /** {@code -----BEGIN CERTIFICATE-----}, the DER in lines of 64 characters, the end line and a newline. */
    public static String certificate(Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + LINES.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
