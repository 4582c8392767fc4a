package io.berth.server.cluster;

import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.server.endpoint.EndpointContext;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

/** The server's port registry for the cluster ids, from the catalogue: wka moves with the offset, multicast never. */
record TestContext(String bindHost, int offset, Path home) implements EndpointContext {

    /** The secret every member of a test cluster shares, in process and out. */
    static final ClusterSecret SECRET = ClusterSecret.of("berth-test-cluster-secret");

    @Override
    public int port(String id) {
        return PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.OPTION)).effective(id);
    }

    /** The member port at {@code offset}, as the registry computes it. */
    static int memberPort(int offset) {
        return new TestContext("unused", offset, Path.of(".")).port(ClusterEndpoint.WKA_PORT_ID);
    }

    @Override
    public ServerSocketChannel boundChannel(String id) {
        throw new IllegalStateException("Hazelcast binds its own sockets");
    }
}
