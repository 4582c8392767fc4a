package io.berth.server.endpoint;

import java.util.List;

/** One service behind one or more ports of the registry. */
public interface Endpoint {

    /** Short name for logs, e.g. "kdc". */
    String name();

    /** Registry ids of the ports this endpoint opens, e.g. List.of("kdc"). */
    List<String> portIds();

    /** Opens every listener of this endpoint; throws if any cannot be opened. */
    void start(EndpointContext context) throws Exception;

    /** Releases every listener; safe to call twice and after a failed start. */
    void stop();
}
