package io.berth.server.cluster;

import io.berth.ports.internal.OneLine;
import io.berth.ports.internal.TomlKey;
import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.UndefinedReferenceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code [clustering.properties]} under {@code membership_scheme = "kubernetes"} with WSO2's key names and
 * meanings (github.com/wso2/kubernetes-common, {@code kubernetes-membership-scheme}: {@code Constants.java},
 * {@code KubernetesMembershipScheme.initPodIpResolver}, {@code resolver/AddressResolver},
 * {@code resolver/DNSBasedPodIpResolver}, {@code resolver/ApiBasedPodIpResolver}). Keys of the mode not chosen are
 * read for their type only, as WSO2 ignores them. WSO2 lets environment variables of the same names override the
 * file; Berth reads the file, so {@code ports}, {@code plan} and {@code start} agree (write
 * {@code KUBERNETES_NAMESPACE = "$env{KUBERNETES_NAMESPACE}"} to take one from the environment), except that the
 * one key WSO2 requires, {@code KUBERNETES_SERVICES}, is taken from the environment when the file has none.
 */
public final class KubernetesConfiguration {

    static final String PREFIX = "clustering.properties.";
    /** WSO2's scheme class; under {@code membership_scheme = "kubernetes"} the only one a file may name. */
    public static final String WSO2_SCHEME_CLASS = "org.wso2.carbon.membership.scheme.kubernetes.KubernetesMembershipScheme";

    public static final String SCHEME_CLASS = PREFIX + "membershipSchemeClassName";
    public static final String NAMESPACE = PREFIX + "KUBERNETES_NAMESPACE";
    public static final String SERVICES = PREFIX + "KUBERNETES_SERVICES";
    public static final String USE_DNS = PREFIX + "USE_DNS";
    public static final String DNS_LOOKUP_TIMEOUT = PREFIX + "DNS_LOOKUP_TIMEOUT";
    public static final String API_SERVER = PREFIX + "KUBERNETES_API_SERVER";
    /** WSO2's older name of {@link #API_SERVER} (the scheme's first releases). */
    public static final String MASTER = PREFIX + "KUBERNETES_MASTER";
    public static final String SKIP_SSL_VERIFICATION = PREFIX + "KUBERNETES_MASTER_SKIP_SSL_VERIFICATION";
    /** WSO2 reads it from the environment only; Berth also from the file. */
    public static final String TOKEN_FILE = PREFIX + "BEARER_TOKEN_FILE_LOCATION";
    /** Berth's own: WSO2 trusts the JVM's default trust store instead. */
    public static final String CA_CERTIFICATE_FILE = PREFIX + "KUBERNETES_CA_CERTIFICATE_FILE";
    /** Basic authentication at the API server: WSO2's names, old and new. Hazelcast authenticates with a token only. */
    public static final List<String> BASIC_AUTH = List.of(PREFIX + "KUBERNETES_API_SERVER_USERNAME",
            PREFIX + "KUBERNETES_API_SERVER_PASSWORD", PREFIX + "KUBERNETES_MASTER_USERNAME", PREFIX + "KUBERNETES_MASTER_PASSWORD");

    /** WSO2's scheme reads {@code KUBERNETES_SERVICES} from the environment before its parameter. */
    static final String SERVICES_VARIABLE = "KUBERNETES_SERVICES";
    /** Kubernetes' DNS-1123 label: a namespace. */
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Kubernetes' DNS-1035 label: a service name starts with a letter. */
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final int MAX_DNS_TIMEOUT_SECONDS = 300;

    private KubernetesConfiguration() {
    }

    /** @throws ConfigException naming the key, the rule and the value Berth's cluster cannot run */
    static KubernetesDiscovery discovery(DeploymentConfig config) {
        config.string(SCHEME_CLASS).map(String::strip).filter(name -> !name.equals(WSO2_SCHEME_CLASS)).ifPresent(name -> {
            throw new ConfigException(config.where(SCHEME_CLASS) + " must be " + WSO2_SCHEME_CLASS
                    + " under membership_scheme = \"kubernetes\", or absent (was \"" + OneLine.of(name) + "\")");
        });
        String namespace = config.string(NAMESPACE).map(String::strip).orElse(KubernetesDiscovery.DEFAULT_NAMESPACE);
        if (!DNS_1123_LABEL.matcher(namespace).matches()) {
            throw new ConfigException(config.where(NAMESPACE) + " must be a Kubernetes namespace name (lower-case letters, "
                    + "digits and '-', at most 63) (was \"" + OneLine.of(namespace) + "\")");
        }
        String service = service(config);
        boolean useDns = config.bool(USE_DNS, true);
        int timeout = config.integer(DNS_LOOKUP_TIMEOUT).orElse(KubernetesDiscovery.DEFAULT_DNS_TIMEOUT_SECONDS);
        if (timeout < 1 || timeout > MAX_DNS_TIMEOUT_SECONDS) {
            throw new ConfigException(config.where(DNS_LOOKUP_TIMEOUT) + " must be 1.." + MAX_DNS_TIMEOUT_SECONDS
                    + " seconds (was " + timeout + ")");
        }
        boolean skip = config.bool(SKIP_SSL_VERIFICATION, false);
        String apiServer = apiServer(config);
        Path token = file(config, TOKEN_FILE);
        Path ca = file(config, CA_CERTIFICATE_FILE);
        if (!useDns) {
            for (String key : BASIC_AUTH) {
                if (config.string(key).isPresent()) {
                    throw new ConfigException(config.where(key) + " cannot be used: Berth's cluster authenticates at the "
                            + "Kubernetes API server with the service-account token (" + TomlKey.display(TOKEN_FILE)
                            + "), never a user name and password; remove it");
                }
            }
        }
        return new KubernetesDiscovery(useDns ? KubernetesDiscovery.Mode.DNS : KubernetesDiscovery.Mode.API, namespace,
                service, timeout, useDns ? null : apiServer, useDns ? null : token, useDns ? null : ca, !useDns && skip);
    }

    /**
     * One service: Hazelcast's discovery follows one; WSO2 also takes a comma-separated list. Absent from the file,
     * it is taken from the environment variable {@code KUBERNETES_SERVICES}, where WSO2's scheme looks first (its
     * Kubernetes resources often set it there); absent from both, only {@code start} stops, as for an undefined
     * {@code $env{}}: the operator's shell running {@code ports} need not hold the pod's environment.
     */
    private static String service(DeploymentConfig config) {
        Optional<String> fromFile = config.string(SERVICES).map(String::strip);
        String where = fromFile.isPresent() ? config.where(SERVICES) : "environment variable " + SERVICES_VARIABLE;
        String services = fromFile.or(() -> Optional.ofNullable(System.getenv(SERVICES_VARIABLE)).map(String::strip)
                .filter(value -> !value.isEmpty())).orElseThrow(() -> new UndefinedReferenceException(
                config.where(SERVICES) + " must name the Kubernetes service whose "
                        + "pods are the members, under membership_scheme = \"kubernetes\"; it is in neither the file nor "
                        + "the environment variable " + SERVICES_VARIABLE));
        if (services.contains(",")) {
            throw new ConfigException(where + " must name one service: Berth's cluster discovers the pods "
                    + "of one (headless) service; let one service select every member (was \"" + OneLine.of(services) + "\")");
        }
        if (!DNS_1035_LABEL.matcher(services).matches()) {
            throw new ConfigException(where + " must be a Kubernetes service name (a lower-case letter, "
                    + "then letters, digits and '-', at most 63) (was \"" + OneLine.of(services) + "\")");
        }
        return services;
    }

    /** {@code KUBERNETES_API_SERVER}, or WSO2's older {@code KUBERNETES_MASTER}; both only if they agree. */
    private static String apiServer(DeploymentConfig config) {
        Optional<String> current = config.string(API_SERVER).map(String::strip);
        Optional<String> older = config.string(MASTER).map(String::strip);
        if (current.isPresent() && older.isPresent() && !current.equals(older)) {
            throw new ConfigException(config.where(MASTER) + " must equal " + TomlKey.display(API_SERVER) + " (\""
                    + OneLine.of(current.get()) + "\"), its newer name, or be absent (was \"" + OneLine.of(older.get()) + "\")");
        }
        String key = current.isPresent() ? API_SERVER : MASTER;
        return current.or(() -> older).map(url -> checkUrl(config, key, url)).orElse(null);
    }

    private static String checkUrl(DeploymentConfig config, String key, String url) {
        String rule = " must be the API server's URL, http:// or https:// with a host (was \"" + OneLine.of(url) + "\")";
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null) {
                throw new ConfigException(config.where(key) + rule);
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (URISyntaxException e) {
            throw new ConfigException(config.where(key) + rule);
        }
    }

    private static Path file(DeploymentConfig config, String key) {
        return config.string(key).map(String::strip).map(name -> {
            try {
                if (name.isEmpty()) {
                    throw new InvalidPathException(name, "empty");
                }
                return Path.of(name);
            } catch (InvalidPathException e) {
                throw new ConfigException(config.where(key) + " must be a file name (was \"" + OneLine.of(name) + "\")");
            }
        }).orElse(null);
    }
}
