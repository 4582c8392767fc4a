package io.berth.server.http;

import io.berth.server.kdc.KdcAdmin;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.PortReport;
import io.berth.server.report.PortView;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One instance as the console shows it and {@code /api/instance} serves it: who it is and how to
 * connect to it. Everything here is safe to show; no password or key ever enters this record.
 *
 * @param name          the home directory's name, how people tell instances apart on a host
 * @param product       {@code [server] product}
 * @param host          {@code [server] hostname}, as the console URL names it
 * @param uptimeSeconds seconds since the process started
 * @param kdc           {@code host:port} of the Kerberos KDC, or {@code null} when it is off
 * @param krb5conf      a krb5.conf for the KDC, or {@code null} when it is off
 * @param thrift        {@code host:port} of the Thrift entitlement service (TLS), or {@code null}
 * @param curl          a {@code curl} command for {@code /api/ports} that verifies the instance's certificate
 */
public record InstanceInfo(String name, String home, long pid, String state, String startedAt, long uptimeSeconds,
        String product, String host, int offset, String offsetSource, boolean offsetAuto, String offsetText,
        String consoleUrl, String jmxServiceUrl, String jconsole, String realm, String kdc, String krb5conf,
        String thrift, String curl) {

    static final String KDC = "kdc";
    static final String THRIFT = "thrift-entitlement";
    static final String HTTPS = "https";

    /**
     * What deployment.toml says that the instance record does not carry; it cannot change while the
     * instance runs, so the assembly hands it over once.
     */
    public record Configured(String product, String realm) {
    }

    static InstanceInfo of(InstanceRecord record, Configured configured) {
        PortReport ports = record.ports();
        String host = hostOf(record.consoleUrl());
        Path home = Path.of(record.home());
        String name = home.getFileName() == null ? record.home() : home.getFileName().toString();
        Optional<PortView> kdc = enabled(ports, KDC);
        Optional<PortView> thrift = enabled(ports, THRIFT);
        String https = enabled(ports, HTTPS).map(port -> host + ":" + port.effective()).orElse(null);
        return new InstanceInfo(name, record.home(), record.pid(), record.state().wireName(), record.startedAt(),
                uptime(record.startedAt()), configured.product(), host, ports.offset(), ports.offsetSource(),
                ports.offsetAuto(), ports.offsetText(), record.consoleUrl(), record.jmxServiceUrl(),
                record.jmxServiceUrl() == null ? null : "jconsole '" + record.jmxServiceUrl() + "'",
                kdc.isPresent() ? configured.realm() : null,
                kdc.map(port -> authority(host, port.effective())).orElse(null),
                kdc.map(port -> KdcAdmin.krb5conf(configured.realm(), host, port.effective())).orElse(null),
                thrift.map(port -> authority(host, port.effective())).orElse(null),
                https == null ? null : "curl --cacert berth.pem https://" + https + "/api/ports");
    }

    private static Optional<PortView> enabled(PortReport ports, String id) {
        return ports.ports().stream().filter(port -> port.id().equals(id) && port.enabled()).findFirst();
    }

    private static String authority(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String hostOf(String consoleUrl) {
        try {
            String host = URI.create(consoleUrl).getHost();
            return host == null ? "localhost" : host;
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return "localhost";
        }
    }

    private static long uptime(String startedAt) {
        try {
            return Math.max(0, Duration.between(Instant.parse(startedAt), Instant.now()).toSeconds());
        } catch (DateTimeParseException | NullPointerException unknown) {
            return 0;
        }
    }
}
