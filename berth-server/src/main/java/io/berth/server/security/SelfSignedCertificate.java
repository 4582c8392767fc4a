package io.berth.server.security;

import io.berth.ports.BindAddress;
import io.berth.ports.HostPort;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The install's own TLS server certificate, made to what browsers and TLS clients ask of a leaf: a
 * {@code serverAuth} extended key usage, each subject alternative name once, and a validity that Apple's
 * and Chrome's rules accept (NotAfter - NotBefore at most 398 days). The server renews it at start once
 * it is within {@link CertificateProfile#RENEW_BEFORE} of expiry, so a running install is never caught by an
 * expired key. The only class that uses BouncyCastle: a start that makes no certificate never loads it.
 */
final class SelfSignedCertificate {

    /** NotBefore lies this far back, so a client whose clock runs a little behind still accepts it. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private SelfSignedCertificate() {
    }

    /**
     * @param names the names and addresses clients dial, the first one the subject's (see {@link #names})
     */
    static X509Certificate create(KeyPair keyPair, List<String> names, Instant now) throws GeneralSecurityException, IOException {
        List<String> sans = names(names);
        String hostname = sans.get(0);
        Instant notBefore = now.minus(CLOCK_SKEW);
        X500Name subject = new X500Name("CN=" + hostname.replaceAll("[,=+<>#;\"\\\\]", "") + ", O=Berth");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(notBefore), Date.from(notBefore.plus(CertificateProfile.VALIDITY)),
                subject, keyPair.getPublic());
        // A client checks an address it dialled against iPAddress names only, never against dNSName.
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.stream()
                .map(name -> new GeneralName(IPAddress.isValid(name) ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new)));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate: " + e.getMessage(), e);
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
}
