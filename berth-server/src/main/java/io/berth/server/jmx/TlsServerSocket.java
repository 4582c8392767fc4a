package io.berth.server.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A server socket that speaks TLS on every connection it accepts, layered over a socket that is already bound
 * (the registry's preflight socket), as the JDK's {@code SslRMIServerSocketFactory} layers TLS over the sockets
 * it accepts. RMI uses only accept, close and the local address.
 */
final class TlsServerSocket extends ServerSocket {

    private final ServerSocket bound;
    private final SSLContext tls;

    TlsServerSocket(ServerSocket bound, SSLContext tls) throws IOException {
        this.bound = bound;
        this.tls = tls;
    }

    @Override
    public Socket accept() throws IOException {
        Socket plain = bound.accept();
        try {
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain,
                    plain.getInetAddress().getHostAddress(), plain.getPort(), true);
            secure.setUseClientMode(false);
            secure.setNeedClientAuth(false);
            return secure;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        bound.close();
    }

    @Override
    public boolean isClosed() {
        return bound.isClosed();
    }

    @Override
    public boolean isBound() {
        return bound.isBound();
    }

    @Override
    public int getLocalPort() {
        return bound.getLocalPort();
    }

    @Override
    public InetAddress getInetAddress() {
        return bound.getInetAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return bound.getLocalSocketAddress();
    }

    @Override
    public String toString() {
        return "TLS " + bound;
    }
}
