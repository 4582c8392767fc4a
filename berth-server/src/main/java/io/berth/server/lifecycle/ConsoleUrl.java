package io.berth.server.lifecycle;

import io.berth.ports.PortPlan;
import io.berth.server.config.DeploymentConfig;

/** The URL people open: {@code https://<[server] hostname>:<https port>/console}. */
public final class ConsoleUrl {

    static final String PROXY_PORT_KEY = "transport.https.properties.proxyPort";

    private ConsoleUrl() {
    }

    /**
     * A {@code proxyPort} stands for the port clients see in front of a proxy: it is used as it is,
     * never offset, and 443 or 80 (the scheme defaults) leave the port out of the URL.
     */
    public static String of(DeploymentConfig config, PortPlan plan, String hostname) {
        int port = config.integer(PROXY_PORT_KEY).orElse(plan.effective("https"));
        String authority = port == 443 || port == 80 ? hostname : hostname + ":" + port;
        return "https://" + authority + "/console";
    }
}
