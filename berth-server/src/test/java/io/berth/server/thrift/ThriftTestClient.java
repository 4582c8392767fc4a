package io.berth.server.thrift;

import io.berth.server.thrift.generated.AuthenticatorService;
import io.berth.server.thrift.generated.EntitlementService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMultiplexedProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TSocket;

/** A real Thrift client over TLS, checking the server certificate and host name like a WSO2 client would. */
final class ThriftTestClient implements AutoCloseable {
    private final TSocket transport;
    final AuthenticatorService.Client auth;
    final EntitlementService.Client entitlement;

    ThriftTestClient(SSLContext tls, int port) throws Exception {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        transport = new TSocket(socket);
        TProtocol protocol = new TBinaryProtocol(transport);
        auth = new AuthenticatorService.Client(
                new TMultiplexedProtocol(protocol, ThriftEntitlementEndpoint.AUTHENTICATOR_SERVICE));
        entitlement = new EntitlementService.Client(
                new TMultiplexedProtocol(protocol, ThriftEntitlementEndpoint.ENTITLEMENT_SERVICE));
    }

    String login(String user, String password) throws TException {
        return auth.authenticate(user, password);
    }

    @Override
    public void close() {
        transport.close();
    }
}
