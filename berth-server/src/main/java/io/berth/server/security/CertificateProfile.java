package io.berth.server.security;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the install's own certificate must be for TLS clients to accept it, and when a start replaces it; checked
 * at every start, {@link SelfSignedCertificate} makes it.
 */
final class CertificateProfile {

    /** NotAfter - NotBefore; browsers refuse leaves valid for more than 398 days (CA/Browser Forum, Apple). */
    static final Duration VALIDITY = Duration.ofDays(397);
    /** The most a leaf may be valid for, as clients check it. */
    static final Duration MAX_VALIDITY = Duration.ofDays(398);
    /** A certificate this close to its end is replaced at the next start. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** id-kp-serverAuth, the extended key usage of a TLS server (RFC 5280, section 4.2.1.12). */
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private CertificateProfile() {
    }

    /**
     * Why {@code certificate} must be replaced at {@code now}, or empty when it may stay: it expires within
     * {@link #RENEW_BEFORE}, it is valid for longer than clients accept, or it lacks {@code serverAuth}
     * (both made by an older Berth).
     */
    static Optional<String> renewalReason(X509Certificate certificate, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (!now.plus(RENEW_BEFORE).isBefore(notAfter)) {
            return Optional.of(now.isBefore(notAfter) ? "it expires on " + notAfter : "it expired on " + notAfter);
        }
        if (Duration.between(certificate.getNotBefore().toInstant(), notAfter).compareTo(MAX_VALIDITY) > 0) {
            return Optional.of("it is valid for longer than the " + MAX_VALIDITY.toDays() + " days clients accept");
        }
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (usages == null || !usages.contains(SERVER_AUTH)) {
                return Optional.of("it lacks the serverAuth extended key usage");
            }
        } catch (CertificateParsingException e) {
            return Optional.of("its extended key usage cannot be read");
        }
        return Optional.empty();
    }
}
