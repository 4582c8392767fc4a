package io.berth.server.cluster;

import io.berth.ports.internal.TomlKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What API mode needs to talk to the Kubernetes API server, read at start (never at load: {@code ports} and
 * {@code plan} run where no pod's secrets are): the CA certificate the server's certificate is verified against,
 * and the service-account token when a file other than the pod's is named. With the pod's own token file
 * Hazelcast reads it itself at each request, so a rotated token is picked up.
 *
 * @param caCertificate PEM text
 * @param token         the token, or {@code null} for Hazelcast to read {@value KubernetesDiscovery#DEFAULT_TOKEN_FILE}
 */
record KubernetesApiAccess(String caCertificate, String token) {

    /** Bound of the connection check to the API server. */
    private static final Duration CONNECT_BOUND = Duration.ofSeconds(5);

    /**
     * @param home the instance's home: relative file names are resolved against it
     * @throws ClusterStartException naming the key and the file that cannot be read
     */
    static KubernetesApiAccess read(KubernetesDiscovery discovery, Path home) throws ClusterStartException {
        Path ca = discovery.caCertificateFile() == null ? Path.of(KubernetesDiscovery.DEFAULT_CA_FILE)
                : home.resolve(discovery.caCertificateFile());
        String caText = read(ca, KubernetesConfiguration.CA_CERTIFICATE_FILE, "the API server's CA certificate");
        if (!caText.contains("-----BEGIN CERTIFICATE-----")) {
            throw new ClusterStartException("Kubernetes API discovery: " + ca + " (" + TomlKey.display(KubernetesConfiguration.CA_CERTIFICATE_FILE)
                    + ") holds no PEM certificate", null);
        }
        String token = null;
        if (discovery.tokenFile() != null) {
            token = read(home.resolve(discovery.tokenFile()), KubernetesConfiguration.TOKEN_FILE, "the service-account token").strip();
        } else if (!Files.isReadable(Path.of(KubernetesDiscovery.DEFAULT_TOKEN_FILE))) {
            throw new ClusterStartException("Kubernetes API discovery needs the service-account token: "
                    + KubernetesDiscovery.DEFAULT_TOKEN_FILE + " is not readable (outside a pod, name a token file in "
                    + TomlKey.display(KubernetesConfiguration.TOKEN_FILE) + ")", null);
        }
        reachable(discovery);
        return new KubernetesApiAccess(caText, token);
    }

    /**
     * Opens and closes one TCP connection to the API server, so that an address nobody answers on stops the start
     * at once with a line naming it; Hazelcast would retry for some 40 s and then say only "Node failed to start!".
     * Nothing is sent: the token travels only in Hazelcast's own requests.
     */
    private static void reachable(KubernetesDiscovery discovery) throws ClusterStartException {
        URI server = URI.create(discovery.apiServer() == null ? KubernetesDiscovery.DEFAULT_API_SERVER : discovery.apiServer());
        int port = server.getPort() > 0 ? server.getPort() : "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
        String key = discovery.apiServer() == null ? "" : " (" + TomlKey.display(KubernetesConfiguration.API_SERVER) + ")";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), port), (int) CONNECT_BOUND.toMillis());
        } catch (IOException e) {
            String why = e instanceof UnknownHostException ? "unknown host " + server.getHost() : e.getMessage();
            throw new ClusterStartException("Kubernetes API server " + server + key + " cannot be reached: " + why
                    + "; the cluster member cannot read the endpoints of service " + discovery.namespace() + "/"
                    + discovery.service(), e);
        }
    }

    private static String read(Path file, String key, String what) throws ClusterStartException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ClusterStartException("Kubernetes API discovery needs " + what + ": " + file + " is missing ("
                    + TomlKey.display(key) + ")", e);
        } catch (IOException e) {
            throw new ClusterStartException("Kubernetes API discovery needs " + what + ": " + file + " cannot be read ("
                    + TomlKey.display(key) + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // The token is a credential: never in a log line or an exception message.
        return "KubernetesApiAccess[caCertificate=" + caCertificate.length() + " chars, token=" + (token == null ? "pod's" : "<hidden>") + "]";
    }
}
