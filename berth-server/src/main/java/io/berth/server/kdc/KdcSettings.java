package io.berth.server.kdc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of Berth's Kerberos KDC endpoint.
 *
 * @param realm             Kerberos realm served by the KDC. Defaults to {@value #DEFAULT_REALM} when
 *                          {@code null} or blank. Realm names are case-sensitive; by convention (and to
 *                          match MIT client defaults) they are upper case.
 * @param principals        principals to create or re-key at start from configuration; their passwords
 *                          are already-resolved strings (no secret references left to expand)
 * @param maxTicketLifetime upper bound of ticket lifetime; defaults to 24 hours (MIT's and Kerby's default)
 */
public record KdcSettings(String realm, List<PrincipalSpec> principals, Duration maxTicketLifetime) {

    /** Realm used when the configuration does not name one. */
    public static final String DEFAULT_REALM = "BERTH.LOCAL";

    /** Ticket lifetime used when the configuration does not name one. */
    public static final Duration DEFAULT_MAX_TICKET_LIFETIME = Duration.ofHours(24);

    public KdcSettings {
        realm = (realm == null || realm.isBlank()) ? DEFAULT_REALM : realm.strip();
        if (!realm.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Invalid Kerberos realm '" + realm
                    + "': use letters, digits, '.', '-' or '_' only (e.g. " + DEFAULT_REALM + ")");
        }
        principals = principals == null ? List.of() : List.copyOf(principals);
        maxTicketLifetime = maxTicketLifetime == null ? DEFAULT_MAX_TICKET_LIFETIME : maxTicketLifetime;
        // Kerby refuses lifetimes under its 1 hour minimum; 7 days is a sane ceiling for a TGT.
        if (maxTicketLifetime.compareTo(Duration.ofHours(1)) < 0
                || maxTicketLifetime.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("KDC ticket lifetime must be between 1 hour and 7 days, got "
                    + maxTicketLifetime);
        }
    }

    /** Default realm, no configured principals, default lifetime. */
    public static KdcSettings defaults() {
        return new KdcSettings(null, List.of(), null);
    }

    /**
     * A principal declared in configuration.
     *
     * @param name     short name ("alice", "HTTP/host") or fully qualified ("alice@BERTH.LOCAL")
     * @param password resolved password; never printed by {@link #toString()}
     */
    public record PrincipalSpec(String name, String password) {
        public PrincipalSpec {
            Objects.requireNonNull(name, "principal name");
            Objects.requireNonNull(password, () -> "password of principal " + name);
            if (password.isEmpty()) {
                throw new IllegalArgumentException("Empty password for KDC principal " + name);
            }
        }

        @Override
        public String toString() {
            return "PrincipalSpec[name=" + name + ", password=***]";
        }
    }
}
