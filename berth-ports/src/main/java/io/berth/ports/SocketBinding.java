package io.berth.ports;

import io.berth.ports.internal.PortRange;
import java.util.Objects;

/**
 * Where one port of the catalogue listens and how clients reach it: WildFly's socket binding, with its
 * interface ({@link #bind}) and client mapping ({@link #advertisedHost}, {@link #advertisedPort}).
 * The port number itself comes from the {@link PortPlan}.
 *
 * @param id             the catalogue id of the port
 * @param bind           the addresses the port is bound on
 * @param advertisedHost the host every URL, the cluster directory and krb5.conf name; never a wildcard
 * @param advertisedPort the port clients dial when something in front forwards another one to the effective
 *                       port (a proxy, a NAT); 0 means the effective port
 */
public record SocketBinding(String id, BindAddress bind, String advertisedHost, int advertisedPort) {

    public SocketBinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        if (BindAddress.isWildcard(advertisedHost)) {
            throw new IllegalArgumentException("port " + id + ": the advertised host must not be a wildcard ("
                    + advertisedHost + "); clients cannot dial it");
        }
        if (advertisedPort != 0 && !PortRange.contains(advertisedPort)) {
            throw new IllegalArgumentException("port " + id + ": advertised port must be " + PortRange.TEXT
                    + " (was " + advertisedPort + ")");
        }
    }

    /** The address clients dial, given the port's effective number. */
    public HostPort advertised(int effectivePort) {
        return new HostPort(advertisedHost, advertisedPort == 0 ? effectivePort : advertisedPort);
    }
}
