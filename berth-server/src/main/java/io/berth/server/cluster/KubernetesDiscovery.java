package io.berth.server.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a member finds the others under {@code membership_scheme = "kubernetes"}, read from WSO2's own
 * {@code [clustering.properties]} keys and run by Hazelcast's built-in Kubernetes discovery
 * ({@code JoinConfig.getKubernetesConfig()}).
 *
 * <p>WSO2's kubernetes-membership-scheme (github.com/wso2/kubernetes-common, {@code kubernetes-membership-scheme}:
 * {@code Constants}, {@code KubernetesMembershipScheme}, {@code resolver/*}) picks the mode by {@code USE_DNS}
 * (default true). DNS mode looks up {@code <service>.<namespace>.svc.cluster.local}, the name Kubernetes gives a
 * headless service, and takes every address it has; API mode reads the service's endpoints from the API server
 * at {@code KUBERNETES_API_SERVER}. Either way every member dials the others on its own member port, as WSO2's
 * scheme adds bare pod addresses to Hazelcast's member list: every pod runs the same configuration.
 *
 * @param mode               {@link Mode#DNS} or {@link Mode#API}
 * @param namespace          {@code KUBERNETES_NAMESPACE}, default {@value #DEFAULT_NAMESPACE}; a DNS-1123 label
 * @param service            {@code KUBERNETES_SERVICES}: one service name, a DNS-1035 label
 * @param dnsTimeoutSeconds  DNS mode: {@code DNS_LOOKUP_TIMEOUT}, bound of one lookup in seconds (1..300,
 *                           default {@value #DEFAULT_DNS_TIMEOUT_SECONDS}, WSO2's)
 * @param apiServer          API mode: {@code KUBERNETES_API_SERVER} (WSO2's older name {@code KUBERNETES_MASTER}),
 *                           an http or https URL; {@code null} for Hazelcast's default, the in-cluster
 *                           {@value #DEFAULT_API_SERVER}
 * @param tokenFile          API mode: {@code BEARER_TOKEN_FILE_LOCATION}, the service-account token; {@code null}
 *                           for Hazelcast's (and WSO2's) default {@value #DEFAULT_TOKEN_FILE}, re-read as it rotates
 * @param caCertificateFile  API mode: {@code KUBERNETES_CA_CERTIFICATE_FILE} (Berth's; WSO2 has none), the PEM
 *                           certificate the API server's is verified against; {@code null} for the pod's
 *                           {@value #DEFAULT_CA_FILE}
 * @param skipVerification   API mode: {@code KUBERNETES_MASTER_SKIP_SSL_VERIFICATION}; read, never honoured:
 *                           Hazelcast always verifies the API server's certificate
 */
public record KubernetesDiscovery(Mode mode, String namespace, String service, int dnsTimeoutSeconds, String apiServer,
        Path tokenFile, Path caCertificateFile, boolean skipVerification) {

    /** WSO2's default namespace (AddressResolver). */
    public static final String DEFAULT_NAMESPACE = "default";
    /** WSO2's DNS lookup timeout (DNSBasedPodIpResolver: {@code DNS_LOOKUP_TIMEOUT}, "10"), in seconds. */
    public static final int DEFAULT_DNS_TIMEOUT_SECONDS = 10;
    /** Hazelcast's default master URL (KubernetesConfig.DEFAULT_MASTER_URL): the API server's in-cluster name. */
    public static final String DEFAULT_API_SERVER = "https://kubernetes.default.svc";
    public static final String DEFAULT_TOKEN_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    public static final String DEFAULT_CA_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
    /** Kubernetes' cluster domain as WSO2's DNS resolver appends it. */
    static final String CLUSTER_DOMAIN = "svc.cluster.local";

    /** How pod addresses are found, by WSO2's {@code USE_DNS}. */
    public enum Mode {
        /** Address records of the headless service's name: no API access needed. */
        DNS("dns"),
        /** The service's endpoints, read from the Kubernetes API server with the pod's service-account token. */
        API("api");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public KubernetesDiscovery {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(service, "service");
        if (dnsTimeoutSeconds < 1) {
            throw new IllegalArgumentException("dnsTimeoutSeconds must be >= 1, got " + dnsTimeoutSeconds);
        }
    }

    /** The headless service's DNS name, as WSO2 builds it: {@code berth.default.svc.cluster.local}. */
    public String serviceDns() {
        return service + "." + namespace + "." + CLUSTER_DOMAIN;
    }

    /** What the member looks for, for reports: the DNS name, or {@code namespace/service} at the API server. */
    public String sought() {
        return mode == Mode.DNS ? serviceDns() : namespace + "/" + service + " at " + (apiServer == null ? DEFAULT_API_SERVER : apiServer);
    }
}
