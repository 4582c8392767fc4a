package io.berth.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP forwarder, as a NAT or a port forward in front of a member: accepts on one address and relays each
 * connection to another, both ways. Prints {@code forwarding} once listening and {@code accepted} per
 * connection, so a test can tell that traffic went through it. Runs until killed.
 *
 * <p>Arguments: listen-host listen-port target-host target-port.
 */
public final class TcpForwarder {

    public static void main(String[] args) throws IOException {
        InetSocketAddress target = new InetSocketAddress(args[2], Integer.parseInt(args[3]));
        try (ServerSocket listening = new ServerSocket()) {
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
            System.out.println("forwarding " + listening.getLocalSocketAddress() + " to " + target);
            System.out.flush();
            while (true) {
                Socket client = listening.accept();
                System.out.println("accepted " + client.getRemoteSocketAddress());
                System.out.flush();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                } catch (IOException e) {
                    client.close();
                    upstream.close();
                    continue;
                }
                relay(client, upstream);
                relay(upstream, client);
            }
        }
    }

    private static void relay(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // One side closed: close both.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closed already.
        }
    }
}
