package io.berth.server.thrift;

import io.berth.server.thrift.generated.EntitlementService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;

/**
 * A real Thrift client of the entitlement port as WSO2's PEP proxy makes one: TLS socket, binary
 * protocol, not multiplexed; it checks the server certificate and host name.
 */
final class ThriftTestClient implements AutoCloseable {
    private final TSocket transport;
    final EntitlementService.Client entitlement;

    ThriftTestClient(SSLContext tls, int port) throws Exception {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        transport = new TSocket(socket);
        entitlement = new EntitlementService.Client(new TBinaryProtocol(transport));
    }

    @Override
    public void close() {
        transport.close();
    }
}
