package io.berth.server.jmx;

import io.berth.server.config.ConfigException;
import io.berth.server.files.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Who may use JMX: each install's own users and passwords, in the JDK's {@code jmxremote.password} format
 * ({@code <user> <password>} per line) in {@code repository/security/jmxremote.password}, readable by the owner
 * only, as the keystore; and what each may do, in the JDK's {@code jmxremote.access} file beside it, which the
 * connector enforces: {@value #MONITOR_ROLE} reads ({@code readonly}), {@value #CONTROL_ROLE} also sets and
 * invokes ({@code readwrite}). The generated access file grants no {@code create}, so no client can create an
 * MBean, and so none can load classes through an MLet. Configured {@code [monitoring.jmx] username} and
 * {@code password} add a user, who must be listed in the access file.
 */
public final class JmxCredentials {

    public static final String MONITOR_ROLE = "monitorRole";
    public static final String CONTROL_ROLE = "controlRole";

    private static final Logger LOG = LogManager.getLogger(JmxCredentials.class);
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;
    private final Path accessFile;
    private final Map<String, byte[]> passwords;

    private JmxCredentials(Path file, Path accessFile, Map<String, byte[]> passwords) {
        this.file = file;
        this.accessFile = accessFile;
        this.passwords = passwords;
    }

    /** {@code <home>/repository/security/jmxremote.password}. */
    public static Path file(Path home) {
        return home.resolve("repository").resolve("security").resolve("jmxremote.password");
    }

    /** {@code <home>/repository/security/jmxremote.access}: what each user may do. */
    public static Path accessFile(Path home) {
        return file(home).resolveSibling("jmxremote.access");
    }

    /**
     * Reads the install's credentials and access files, generating them (random passwords) on first start.
     *
     * @throws ConfigException when the credentials file is a symbolic link, readable by others, or a line is
     *                         not {@code <user> <password>}, or a configured user has no line in the access
     *                         file; nothing has started then
     */
    public static JmxCredentials load(Path home, JmxSettings configured) {
        Path file = file(home);
        Path accessFile = accessFile(home);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            generate(file, accessFile, configured.username());
        }
        Map<String, byte[]> passwords = new LinkedHashMap<>();
        read(file, true).forEach((user, password) -> passwords.put(user, password.getBytes(StandardCharsets.UTF_8)));
        if (configured.hasCredentials()) {
            String user = configured.username().get();
            if (!read(accessFile, false).containsKey(user)) {
                throw new ConfigException("[monitoring.jmx] username '" + user + "' has no line in " + accessFile
                        + "; add '" + user + " readwrite' (or readonly) to it");
            }
            passwords.put(user, configured.password().get().getBytes(StandardCharsets.UTF_8));
        }
        return new JmxCredentials(file, accessFile, passwords);
    }

    /** The credentials file, as the console and {@code berth status} name it; never its content. */
    public Path file() {
        return file;
    }

    /** Checks a client's {@code String[] {user, password}} in constant time; anything else is refused. */
    JMXAuthenticator authenticator() {
        return credentials -> {
            if (credentials instanceof String[] pair && pair.length == 2 && pair[0] != null && pair[1] != null) {
                byte[] expected = passwords.get(pair[0]);
                if (expected != null && MessageDigest.isEqual(expected, pair[1].getBytes(StandardCharsets.UTF_8))) {
                    return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
                }
            }
            throw new SecurityException("JMX credentials rejected");
        };
    }

    /** The JDK access file the connector enforces ({@code jmx.remote.x.access.file}). */
    public Path accessFile() {
        return accessFile;
    }

    private static void generate(Path file, Path accessFile, Optional<String> configuredUser) {
        StringBuilder text = new StringBuilder("# JMX users of this install, in the JDK's jmxremote.password format: <user> <password>.\n"
                + "# " + MONITOR_ROLE + " may read attributes; " + CONTROL_ROLE + " may also set attributes and invoke operations.\n");
        for (String user : List.of(MONITOR_ROLE, CONTROL_ROLE)) {
            text.append(user).append(' ').append(randomPassword()).append('\n');
        }
        StringBuilder access = new StringBuilder("# What each JMX user may do, in the JDK's jmxremote.access format: <user> readonly|readwrite.\n"
                + "# No 'create': no client may create MBeans (and so none may load classes through an MLet).\n"
                + MONITOR_ROLE + " readonly\n" + CONTROL_ROLE + " readwrite\n");
        configuredUser.filter(user -> !user.equals(MONITOR_ROLE) && !user.equals(CONTROL_ROLE))
                .ifPresent(user -> access.append(user).append(" readwrite\n"));
        try {
            SecureFiles.createPrivateDirectories(file.getParent());
            SecureFiles.writeAtomically(accessFile, access.toString());
            SecureFiles.writeAtomically(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JMX credentials file " + file + ": " + e.getMessage(), e);
        }
        LOG.info("Generated this install's JMX credentials in {} (users {} and {})", file, MONITOR_ROLE, CONTROL_ROLE);
    }

    /** {@code <name> <value>} lines; the credentials file ({@code secret}) must besides be the owner's alone. */
    private static Map<String, String> read(Path file, boolean secret) {
        String text;
        try {
            if (secret && Files.isSymbolicLink(file)) {
                throw new ConfigException("JMX credentials file " + file + " is a symbolic link; it must be a file of its own");
            }
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                if (mode.stream().anyMatch(OTHERS::contains)) {
                    throw new ConfigException("JMX credentials file " + file + " must be readable by its owner only (is "
                            + PosixFilePermissions.toString(mode) + "); run chmod 600 " + file);
                }
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("JMX file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> users = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw new ConfigException("JMX file " + file + ":" + (i + 1) + " must be '<user> "
                        + (secret ? "<password>" : "readonly|readwrite") + "' (found " + fields.length + " fields)");
            }
            users.put(fields[0], fields[1]);
        }
        if (secret && users.isEmpty()) {
            throw new ConfigException("JMX credentials file " + file + " names no user; delete it to generate a new one");
        }
        return users;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "JmxCredentials[" + file + ", users " + passwords.keySet() + "]";
    }
}
