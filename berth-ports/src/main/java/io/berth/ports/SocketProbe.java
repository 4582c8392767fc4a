package io.berth.ports;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Probes by binding and at once releasing a socket, on the wildcard address or on the one address an
 * instance will bind. The wildcard is the strictest test: it fails when any address of the host holds
 * the port. A given address fails where the kernel would refuse that instance's own bind: when the port
 * is held on that address or on the wildcard, so two instances on 127.0.0.2 and 127.0.0.3 may share a port.
 */
public final class SocketProbe implements PortProbe {

    /** A {@code null} element is the wildcard. */
    private final List<InetAddress> addresses;

    /** Probes on the wildcard address. */
    public SocketProbe() {
        this.addresses = Collections.singletonList(null);
    }

    /** Probes on each of {@code addresses}: a port is free only where every one of them can bind it. */
    public SocketProbe(Collection<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address to probe on");
        }
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public boolean isFree(int port, Protocol protocol) {
        for (InetAddress address : addresses) {
            if (!isFree(address, port, protocol)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(InetAddress address, int port, Protocol protocol) {
        try {
            switch (protocol) {
                case TCP -> {
                    try (ServerSocket socket = new ServerSocket()) {
                        // A listener in TIME_WAIT does not hold the port: a real server would bind it too.
                        socket.setReuseAddress(true);
                        socket.bind(new InetSocketAddress(address, port));
                    }
                }
                case UDP -> {
                    try (DatagramSocket socket = new DatagramSocket(null)) {
                        socket.bind(new InetSocketAddress(address, port));
                    }
                }
            }
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
