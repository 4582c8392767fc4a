package io.berth.ports;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Probes by binding and at once releasing a socket on the wildcard address. The wildcard is the
 * strictest test: it fails when any address of the host holds the port.
 */
public final class SocketProbe implements PortProbe {

    @Override
    public boolean isFree(int port, Protocol protocol) {
        try {
            switch (protocol) {
                case TCP -> {
                    try (ServerSocket socket = new ServerSocket()) {
                        // A listener in TIME_WAIT does not hold the port: a real server would bind it too.
                        socket.setReuseAddress(true);
                        socket.bind(new InetSocketAddress(port));
                    }
                }
                case UDP -> {
                    try (DatagramSocket socket = new DatagramSocket(null)) {
                        socket.bind(new InetSocketAddress(port));
                    }
                }
            }
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
