package io.berth.server.kdc;

import io.berth.ports.HostPort;
import io.berth.server.files.SecureFiles;

import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.common.EncryptionUtil;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Principal administration on the KDC's state directory. Works with or without the server running
 * (it only touches files, under the database's cross-process lock), so a CLI can use it directly.
 *
 * <p>Nothing here logs or returns secrets: passwords go straight into key derivation.
 */
public final class KdcAdmin {

    /**
     * The only key types the KDC creates and accepts, strongest first. Kerby's default adds
     * des3-cbc-sha1 and omits aes256; both are wrong for a modern deployment.
     */
    public static final List<EncryptionType> ENCTYPES = List.of(
            EncryptionType.AES256_CTS_HMAC_SHA1_96,
            EncryptionType.AES128_CTS_HMAC_SHA1_96);

    /** krb5.conf names of {@link #ENCTYPES}, space separated, same order. */
    public static final String ENCTYPE_NAMES = "aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96";

    /** Result of {@link #ensurePrincipal}. */
    public enum Outcome { CREATED, REKEYED, UNCHANGED }

    private final String realm;
    private final PrincipalDatabase db;

    /**
     * @param home  server home; state lives in {@link #stateDir(Path)}
     * @param realm realm whose principals are administered
     */
    public KdcAdmin(Path home, String realm) throws IOException {
        this.realm = new KdcSettings(realm, List.of(), null).realm();
        this.db = new PrincipalDatabase(stateDir(home));
    }

    /** Where the KDC keeps its state under the server home. */
    public static Path stateDir(Path home) {
        return home.resolve("data").resolve("kdc");
    }

    public String realm() {
        return realm;
    }

    PrincipalDatabase database() {
        return db;
    }

    /** Qualifies a short name with the realm; rejects names of another realm. */
    public String qualify(String name) {
        Objects.requireNonNull(name, "principal name");
        String n = name.strip();
        int at = n.lastIndexOf('@');
        if (at >= 0) {
            String r = n.substring(at + 1);
            if (!r.equals(realm)) {
                throw new IllegalArgumentException("Principal " + n + " is not in realm " + realm);
            }
            n = n.substring(0, at);
        }
        if (n.isEmpty() || !n.matches("[A-Za-z0-9._/+-]+") || n.startsWith("/") || n.endsWith("/")) {
            throw new IllegalArgumentException("Invalid principal name '" + name
                    + "': use letters, digits, '.', '_', '-', '+' and '/' between components");
        }
        return n + "@" + realm;
    }

    /** Creates the realm's krbtgt principal (random keys) unless it exists. Idempotent. */
    public void initRealm() throws IOException {
        String tgs = "krbtgt/" + realm + "@" + realm;
        db.update(ids -> {
            if (!ids.containsKey(tgs)) {
                ids.put(tgs, newIdentity(tgs, randomKeys(1), 1));
            }
            return null;
        });
    }

    /**
     * Adds a principal whose keys derive from {@code password}.
     *
     * @throws IllegalStateException if the principal already exists
     */
    public void addPrincipal(String name, String password) throws IOException {
        String p = qualify(name);
        List<EncryptionKey> keys = passwordKeys(p, password, 1);
        db.update(ids -> {
            if (ids.containsKey(p)) {
                throw new IllegalStateException("Principal already exists: " + p);
            }
            return ids.put(p, newIdentity(p, keys, 1));
        });
    }

    /**
     * Adds a principal with random keys (no password exists; use {@link #exportKeytab}), like
     * {@code kadmin addprinc -randkey}. Suited to service principals.
     *
     * @throws IllegalStateException if the principal already exists
     */
    public void addPrincipalWithRandomKey(String name) throws IOException {
        String p = qualify(name);
        List<EncryptionKey> keys = randomKeys(1);
        db.update(ids -> {
            if (ids.containsKey(p)) {
                throw new IllegalStateException("Principal already exists: " + p);
            }
            return ids.put(p, newIdentity(p, keys, 1));
        });
    }

    /**
     * Makes a configured principal match its configured password: creates it, re-keys it with the
     * next key version if the password changed, or leaves it alone.
     */
    public Outcome ensurePrincipal(String name, String password) throws IOException {
        String p = qualify(name);
        return db.update(ids -> {
            KrbIdentity existing = ids.get(p);
            if (existing == null) {
                ids.put(p, newIdentity(p, passwordKeys(p, password, 1), 1));
                return Outcome.CREATED;
            }
            List<EncryptionKey> wanted = passwordKeys(p, password, existing.getKeyVersion());
            if (sameKeys(existing, wanted)) {
                return Outcome.UNCHANGED;
            }
            int kvno = existing.getKeyVersion() + 1;
            KrbIdentity rekeyed = newIdentity(p, passwordKeys(p, password, kvno), kvno);
            rekeyed.setCreatedTime(existing.getCreatedTime());
            ids.put(p, rekeyed);
            return Outcome.REKEYED;
        });
    }

    /** Fully qualified names of all principals, sorted. */
    public List<String> listPrincipals() throws IOException {
        return new ArrayList<>(db.load().keySet());
    }

    /**
     * Writes the current keys of {@code name} to {@code file} as an MIT-compatible keytab, replacing
     * the file atomically with mode 0600.
     */
    public void exportKeytab(String name, Path file) throws IOException {
        String p = qualify(name);
        KrbIdentity id = db.load().get(p);
        if (id == null) {
            throw new IllegalArgumentException("No such principal: " + p);
        }
        Keytab keytab = new Keytab();
        PrincipalName principal = new PrincipalName(p);
        KerberosTime now = KerberosTime.now();
        for (EncryptionKey key : id.getKeys().values()) {
            keytab.addEntry(new KeytabEntry(principal, now, key.getKvno(), key));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keytab.store(out);
        SecureFiles.writeAtomically(file, out.toByteArray());
    }

    /** A krb5.conf for this KDC; clients try UDP first for small messages (MIT default limit). */
    public static String krb5conf(String realm, String host, int port) {
        return krb5conf(realm, host, port, false);
    }

    /**
     * A krb5.conf pointing at the KDC's effective port.
     *
     * <p>{@code kdc = host:port} (no {@code tcp/} prefix) lets MIT clients use both transports, and
     * the KDC listens on both. {@code udp_preference_limit} is the largest message sent over UDP
     * first: MIT's default 1465 keeps normal AS/TGS exchanges on UDP and sends big ones (large
     * PACs) over TCP; {@code preferTcp} sets it to 1 so every request goes over TCP first, which
     * suits networks that drop UDP.
     */
    public static String krb5conf(String realm, String host, int port, boolean preferTcp) {
        String r = new KdcSettings(realm, List.of(), null).realm();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("KDC port out of range: " + port);
        }
        String kdc = new HostPort(host, port).toString();
        return "# Generated by Berth for the Kerberos KDC of realm " + r + ".\n"
                + "[libdefaults]\n"
                + "    default_realm = " + r + "\n"
                + "    dns_lookup_realm = false\n"
                + "    dns_lookup_kdc = false\n"
                + "    rdns = false\n"
                + "    dns_canonicalize_hostname = false\n"
                + "    udp_preference_limit = " + (preferTcp ? 1 : 1465) + "\n"
                + "    permitted_enctypes = " + ENCTYPE_NAMES + "\n"
                + "    default_tkt_enctypes = " + ENCTYPE_NAMES + "\n"
                + "    default_tgs_enctypes = " + ENCTYPE_NAMES + "\n"
                + "\n"
                + "[realms]\n"
                + "    " + r + " = {\n"
                + "        kdc = " + kdc + "\n"
                + "    }\n";
    }

    private static KrbIdentity newIdentity(String principal, List<EncryptionKey> keys, int kvno) {
        KrbIdentity id = new KrbIdentity(principal);
        id.setCreatedTime(KerberosTime.now());
        id.setExpireTime(KerberosTime.NEVER);
        id.setKeyVersion(kvno);
        id.addKeys(keys);
        return id;
    }

    private static boolean sameKeys(KrbIdentity id, List<EncryptionKey> wanted) {
        Map<EncryptionType, EncryptionKey> have = id.getKeys();
        if (have.size() != wanted.size()) {
            return false;
        }
        for (EncryptionKey k : wanted) {
            EncryptionKey h = have.get(k.getKeyType());
            if (h == null || !java.security.MessageDigest.isEqual(h.getKeyData(), k.getKeyData())) {
                return false;
            }
        }
        return true;
    }

    private static List<EncryptionKey> passwordKeys(String principal, String password, int kvno) {
        Objects.requireNonNull(password, () -> "password of " + principal);
        if (password.isEmpty()) {
            throw new IllegalArgumentException("Empty password for principal " + principal);
        }
        try {
            return EncryptionUtil.generateKeys(principal, password, ENCTYPES, kvno);
        } catch (KrbException e) {
            throw new IllegalStateException("Key derivation failed for " + principal + ": " + e.getMessage(), e);
        }
    }

    private static List<EncryptionKey> randomKeys(int kvno) {
        try {
            return EncryptionUtil.generateKeys(ENCTYPES, kvno);
        } catch (KrbException e) {
            throw new IllegalStateException("Random key generation failed: " + e.getMessage(), e);
        }
    }
}
