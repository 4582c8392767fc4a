package io.berth.server.thrift.auth;

import io.berth.server.files.SecureFiles;

import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The users allowed to call the entitlement endpoint, read from a properties file of
 * {@code name=pbkdf2-sha256:...} lines. On first start the file does not exist: an {@value #ADMIN}
 * user with a random password is created, its hash written to the users file and the clear
 * password to a separate owner-only file for the operator. The password is never logged.
 */
public final class UserStore {
    public static final String ADMIN = "admin";
    private static final System.Logger LOG = System.getLogger(UserStore.class.getName());
    private static final int GENERATED_PASSWORD_BYTES = 18; // 144 bits, 24 base64url characters
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, PasswordHash> users;
    /**
     * Checked for unknown users so that a reply's timing does not reveal which users exist. A
     * stored hash costs exactly what a real check costs, and nothing at start-up.
     */
    private final PasswordHash decoy;

    private UserStore(Map<String, PasswordHash> users, int iterations) {
        this.users = Map.copyOf(users);
        this.decoy = users.isEmpty()
                ? PasswordHash.create("decoy".toCharArray(), iterations)
                : users.values().iterator().next();
    }

    /**
     * Loads {@code usersFile}, or on first start creates it with a generated admin password that
     * is written to {@code adminPasswordFile}.
     */
    public static UserStore openOrBootstrap(Path usersFile, Path adminPasswordFile, int iterations)
            throws IOException {
        if (!Files.exists(usersFile)) {
            bootstrap(usersFile, adminPasswordFile, iterations);
        }
        return new UserStore(load(usersFile), iterations);
    }

    /** @return true only if {@code user} exists and {@code password} is its password */
    public boolean verify(String user, String password) {
        PasswordHash stored = users.get(user);
        boolean matches = (stored != null ? stored : decoy).matches(password.toCharArray());
        return stored != null && matches;
    }

    private static void bootstrap(Path usersFile, Path adminPasswordFile, int iterations) throws IOException {
        byte[] random = new byte[GENERATED_PASSWORD_BYTES];
        RANDOM.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Password file first: if writing the users file fails, the next start generates both anew.
        SecureFiles.writeAtomically(adminPasswordFile, password + System.lineSeparator());
        String hash = PasswordHash.create(password.toCharArray(), iterations).encode();
        SecureFiles.writeAtomically(usersFile,
                "# Berth Thrift entitlement users: name=" + PasswordHash.SCHEME + ":<iterations>:<salt>:<hash>\n"
                        + ADMIN + "=" + hash + "\n");
        LOG.log(Level.INFO, "Created Thrift entitlement user ''{0}''; its generated password is in {1}",
                ADMIN, adminPasswordFile);
    }

    private static Map<String, PasswordHash> load(Path usersFile) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(usersFile, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Map<String, PasswordHash> users = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            try {
                users.put(name, PasswordHash.parse(props.getProperty(name)));
            } catch (IllegalArgumentException e) {
                throw new IOException("Bad password hash for user '" + name + "' in " + usersFile + ": "
                        + e.getMessage(), e);
            }
        }
        if (users.isEmpty()) {
            LOG.log(Level.WARNING, "{0} defines no users: every Thrift entitlement login will fail", usersFile);
        }
        return users;
    }
}
