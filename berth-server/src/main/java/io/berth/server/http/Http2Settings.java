package io.berth.server.http;

import io.berth.server.config.DeploymentConfig;

/**
 * Whether the servlet transports speak HTTP/2 besides HTTP/1.1: on {@code https} by ALPN ({@code h2}), on
 * {@code http} in clear text ({@code h2c}: by prior knowledge or by an {@code Upgrade: h2c} request). Clients
 * that do not ask for HTTP/2 get HTTP/1.1 either way.
 *
 * @param https {@code [transport.https.properties] http2}, default true
 * @param http  {@code [transport.http.properties] http2}, default true
 */
public record Http2Settings(boolean https, boolean http) {

    public static final String HTTPS_KEY = "transport.https.properties.http2";
    public static final String HTTP_KEY = "transport.http.properties.http2";

    public static Http2Settings of(DeploymentConfig config) {
        return new Http2Settings(config.bool(HTTPS_KEY, true), config.bool(HTTP_KEY, true));
    }
}
