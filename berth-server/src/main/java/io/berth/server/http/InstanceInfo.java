package io.berth.server.http;

import io.berth.ports.HostPort;
import io.berth.server.kdc.KdcAdmin;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.PortReport;
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
 * @param host          the host the console URL names (the advertised host of {@code https})
 * @param uptimeSeconds seconds since the process started
 * @param kdc           the advertised {@code host:port} of the Kerberos KDC, or {@code null} when it is off
 * @param krb5conf      a krb5.conf for the KDC, or {@code null} when it is off
 * @param thrift        the advertised {@code host:port} of the Thrift entitlement service (TLS), or {@code null}
 * @param jmxCredentials where the JMX users and passwords are kept (a path, never a password)
 * @param curl          a {@code curl} command for {@code /api/ports} that verifies the instance's certificate
 */
public record InstanceInfo(String name, String home, long pid, String state, String startedAt, long uptimeSeconds,
        String product, String host, int offset, String offsetSource, boolean offsetAuto, String offsetText,
        String consoleUrl, String jmxServiceUrl, String jmxCredentials, String jconsole, String realm, String kdc, String krb5conf,
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
        String host = advertised(ports, HTTPS).map(HostPort::host).orElse("localhost");
        Path home = Path.of(record.home());
        String name = home.getFileName() == null ? record.home() : home.getFileName().toString();
        Optional<HostPort> kdc = advertised(ports, KDC);
        Optional<HostPort> thrift = advertised(ports, THRIFT);
        String https = advertised(ports, HTTPS).map(HostPort::toString).orElse(null);
        return new InstanceInfo(name, record.home(), record.pid(), record.state().wireName(), record.startedAt(),
                uptime(record.startedAt()), configured.product(), host, ports.offset(), ports.offsetSource(),
                ports.offsetAuto(), ports.offsetText(), record.consoleUrl(), record.jmxServiceUrl(), record.jmxCredentials(),
                record.jmxServiceUrl() == null ? null : "jconsole '" + record.jmxServiceUrl() + "'",
                kdc.isPresent() ? configured.realm() : null,
                kdc.map(HostPort::toString).orElse(null),
                kdc.map(address -> KdcAdmin.krb5conf(configured.realm(), address.host(), address.port())).orElse(null),
                thrift.map(HostPort::toString).orElse(null),
                // -g: curl would read the brackets of an IPv6 literal as a glob.
                https == null ? null : "curl -g --cacert berth.pem https://" + https + "/api/ports");
    }

    /** Where clients dial an enabled port: its advertised address, as the instance record carries it. */
    private static Optional<HostPort> advertised(PortReport ports, String id) {
        return ports.enabled(id).map(port -> port.advertised() == null
                ? new HostPort("localhost", port.effective()) : HostPort.parse(port.advertised()));
    }

    private static long uptime(String startedAt) {
        try {
            return Math.max(0, Duration.between(Instant.parse(startedAt), Instant.now()).toSeconds());
        } catch (DateTimeParseException | NullPointerException unknown) {
            return 0;
        }
    }
}
