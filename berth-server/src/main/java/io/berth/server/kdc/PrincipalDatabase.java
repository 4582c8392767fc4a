package io.berth.server.kdc;

import io.berth.server.files.SecureFiles;

import org.apache.kerby.kerberos.kerb.request.KrbIdentity;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The KDC's principal database: one text file ({@value #FILE_NAME}, mode 0600) holding every principal
 * with its long-term keys, including {@code krbtgt}.
 *
 * <p>Why our own file: Kerby's JSON backend is not published to Maven Central for 2.x, and the
 * in-memory backend loses the krbtgt key on restart (which would invalidate every issued ticket).
 *
 * <p>Concurrency: writers (server and the offline CLI) serialise on an OS file lock and replace the
 * file atomically, so readers never need a lock and always see a complete snapshot.
 *
 * <p>Format (UTF-8, one principal per line, tab separated):
 * {@code name kvno created-ms expire-ms disabled locked kdc-flags etype:kvno:base64key[,...]}
 */
final class PrincipalDatabase {

    static final String FILE_NAME = "principals.db";
    private static final String LOCK_NAME = "principals.lock";
    private static final String HEADER = "# berth-kdc principal database v1";

    private final Path file;
    private final Path lockFile;

    PrincipalDatabase(Path dir) throws IOException {
        SecureFiles.createPrivateDirectories(dir);
        this.file = dir.resolve(FILE_NAME);
        this.lockFile = dir.resolve(LOCK_NAME);
    }

    Path file() {
        return file;
    }

    /** Identity of the current file content (changes on every atomic replace); null if absent. */
    Object version() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toMillis(), a.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Reads a consistent snapshot, keyed by fully qualified principal name. */
    Map<String, KrbIdentity> load() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
        Map<String, KrbIdentity> result = new TreeMap<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                KrbIdentity id = parse(line);
                result.put(id.getPrincipalName(), id);
            } catch (RuntimeException e) {
                // Never echo the line: it contains key material.
                throw new IOException("Corrupt KDC principal database " + file + " at line " + lineNo
                        + ": " + e.getMessage());
            }
        }
        return result;
    }

    /**
     * Applies {@code mutation} to the current content under an exclusive cross-process lock and
     * persists the result atomically. The mutation may modify the map it is given.
     */
    <T> T update(Function<Map<String, KrbIdentity>, T> mutation) throws IOException {
        synchronized (this) {
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Map<String, KrbIdentity> ids = load();
                T result = mutation.apply(ids);
                SecureFiles.writeAtomically(file, format(ids).getBytes(StandardCharsets.UTF_8));
                return result;
            }
        }
    }

    private static String format(Map<String, KrbIdentity> ids) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (KrbIdentity id : ids.values()) {
            String name = id.getPrincipalName();
            if (name.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("Principal name contains control characters");
            }
            sb.append(name).append('\t')
              .append(id.getKeyVersion()).append('\t')
              .append(id.getCreatedTime().getTime()).append('\t')
              .append(id.getExpireTime().getTime()).append('\t')
              .append(id.isDisabled()).append('\t')
              .append(id.isLocked()).append('\t')
              .append(id.getKdcFlags()).append('\t');
            List<EncryptionKey> keys = new ArrayList<>(id.getKeys().values());
            keys.sort(Comparator.comparingInt(k -> k.getKeyType().getValue()));
            for (int i = 0; i < keys.size(); i++) {
                EncryptionKey k = keys.get(i);
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(k.getKeyType().getValue()).append(':').append(k.getKvno()).append(':')
                  .append(Base64.getEncoder().encodeToString(k.getKeyData()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static KrbIdentity parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("expected 8 fields, found " + f.length);
        }
        KrbIdentity id = new KrbIdentity(f[0]);
        id.setKeyVersion(Integer.parseInt(f[1]));
        id.setCreatedTime(new KerberosTime(Long.parseLong(f[2])));
        id.setExpireTime(new KerberosTime(Long.parseLong(f[3])));
        id.setDisabled(Boolean.parseBoolean(f[4]));
        id.setLocked(Boolean.parseBoolean(f[5]));
        id.setKdcFlags(Integer.parseInt(f[6]));
        if (!f[7].isEmpty()) {
            for (String k : f[7].split(",")) {
                String[] p = k.split(":", 3);
                if (p.length != 3) {
                    throw new IllegalArgumentException("malformed key entry");
                }
                EncryptionType type = EncryptionType.fromValue(Integer.parseInt(p[0]));
                if (type == EncryptionType.NONE) {
                    throw new IllegalArgumentException("unknown encryption type " + p[0]);
                }
                id.addKey(new EncryptionKey(type, Base64.getDecoder().decode(p[2]), Integer.parseInt(p[1])));
            }
        }
        Objects.requireNonNull(id.getPrincipal());
        return id;
    }
}
