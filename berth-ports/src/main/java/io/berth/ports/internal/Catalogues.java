package io.berth.ports.internal;

import io.berth.ports.Feature;
import io.berth.ports.OffsetRule;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortId;
import io.berth.ports.ProductVersion;
import io.berth.ports.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every WSO2 product line's ports as data, one catalogue per product and version range, each port
 * citing the WSO2 page or code that gives its number and its offset rule; and Berth's own.
 *
 * <p>Rules that are not {@code +offset}, from WSO2's code and docs:
 * <ul>
 *   <li>The Carbon kernel's Hazelcast member port ({@code local_member_port}, 4000) is bound as written:
 *       {@code HazelcastClusteringAgent} never adds the offset, and Hazelcast auto-increments when it is taken.</li>
 *   <li>Micro Integrator runs with an internal offset of 10 that a stated offset replaces (8290 by
 *       default, 8283 at offset 3).</li>
 *   <li>Streaming Integrator's offset moves the Thrift and binary receivers only; its netty HTTP(S)
 *       transports move only by editing {@code deployment.yaml}.</li>
 *   <li>Enterprise Integrator 6's profiles each run with the offset their own {@code carbon.xml} sets
 *       (analytics 1, business-process 2), whatever the integrator profile's offset.</li>
 * </ul>
 */
public final class Catalogues {

    private static final String CARBON_PORTS = "https://docs.wso2.com/display/Carbon443/Default+Ports+of+WSO2+Products";
    private static final String HAZELCAST_AGENT = "https://github.com/wso2/carbon-kernel/blob/4.4.x/core/org.wso2.carbon.core/"
            + "src/main/java/org/wso2/carbon/core/clustering/hazelcast/HazelcastClusteringAgent.java";
    private static final String IS_PORTS = "https://is.docs.wso2.com/en/latest/references/default-ports-of-wso2-products/";
    private static final String IS_DEFAULTS_5_10 = "https://github.com/wso2/product-is/blob/v5.10.0/modules/distribution/"
            + "src/repository/resources/conf/default.json";
    private static final String APIM_PORTS = "https://apim.docs.wso2.com/en/4.2.0/install-and-setup/setup/reference/default-product-ports/";
    private static final String APIM3_PORTS = "https://apim.docs.wso2.com/en/3.2.0/install-and-setup/setup/reference/default-product-ports/";
    private static final String APIM_DEFAULTS = "https://github.com/wso2/product-apim/blob/v4.2.0/modules/distribution/product/"
            + "src/main/resources/conf/default.json";
    private static final String MI_PORTS = "https://mi.docs.wso2.com/en/latest/install-and-setup/setup/reference/default-product-ports/";
    private static final String MI_DEFAULTS = "https://github.com/wso2/micro-integrator/blob/master/distribution/src/resources/"
            + "config-tool/default.json";
    private static final String SI_PORTS = "https://si.docs.wso2.com/4.4.0/ref/configuring-default-ports/";
    private static final String EI_PORTS = "https://docs.wso2.com/display/ADMIN44x/Default+Ports+of+WSO2+Products";
    private static final String EI_ANALYTICS = "https://ei.docs.wso2.com/en/latest/micro-integrator/setup/changing_default_ports/";
    private static final String ANALYTICS_PORTS = "https://apim.docs.wso2.com/en/3.0.0/learn/analytics/default-ports-of-wso2-api-m-analytics/";

    private static final OffsetRule MEMBER_AS_WRITTEN = OffsetRule.fixed("WSO2 binds local_member_port as written, "
            + "without the offset; Hazelcast moves to the next free port when it is taken");
    private static final OffsetRule MULTICAST = OffsetRule.shared("a multicast group port is shared by every member");
    private static final OffsetRule MI_INTERNAL = OffsetRule.internal(10,
            "Micro Integrator adds an internal offset of 10, which a stated offset replaces");
    private static final OffsetRule SI_NETTY = OffsetRule.fixed("Streaming Integrator's offset moves only its Thrift and "
            + "binary receivers; the netty transports move by editing deployment.yaml");

    private static final String REPOSITORY_CONF = "repository/conf/deployment.toml";

    /** Every catalogue, Berth's first. */
    public static final List<PortCatalogue> ALL = List.of(
            PortCatalogue.BERTH,
            carbon(),
            identityServer("wso2is-5.9", "5.9.0", "5.10.0", true),
            identityServer("wso2is-5.10", "5.10.0", "6.0.0", false),
            identityServer("wso2is-6", "6.0.0", "7.0.0", false),
            identityServer("wso2is-7", "7.0.0", null, false),
            apiManager("wso2am-3", "3.0.0", "4.0.0", APIM3_PORTS),
            apiManager("wso2am-4", "4.0.0", null, APIM_PORTS),
            microIntegrator(),
            streamingIntegrator(),
            enterpriseIntegrator(),
            apimAnalytics());

    private Catalogues() {
    }

    /** The catalogue of {@code product} that covers {@code version}, or the latest of the product when the version is unknown. */
    public static Optional<PortCatalogue> find(String product, ProductVersion version) {
        List<PortCatalogue> ofProduct = ALL.stream().filter(catalogue -> catalogue.product().equals(product)).toList();
        if (version == null) {
            return ofProduct.isEmpty() ? Optional.empty() : Optional.of(ofProduct.get(ofProduct.size() - 1));
        }
        return ofProduct.stream().filter(catalogue -> catalogue.covers(version)).findFirst();
    }

    /** The catalogue with this id ({@code wso2is-7}). */
    public static Optional<PortCatalogue> byId(String id) {
        return ALL.stream().filter(catalogue -> catalogue.id().equals(id)).findFirst();
    }

    /** The product lines, in the order of {@link #ALL}. */
    public static List<String> products() {
        return ALL.stream().map(PortCatalogue::product).distinct().toList();
    }

    private static PortCatalogue carbon() {
        List<PortDefinition> ports = common(CARBON_PORTS);
        ports.add(port("embedded-ldap", 10389, "Embedded LDAP server (ApacheDS)", OffsetRule.ADD,
                Feature.EMBEDDED_LDAP, "embedded_ldap.port", CARBON_PORTS));
        ports.add(port(PortId.KDC, 8000, "Kerberos Key Distribution Center of the embedded LDAP", OffsetRule.ADD, Feature.KDC,
                "embedded_ldap.kdc_port", CARBON_PORTS));
        return new PortCatalogue("carbon-4", "carbon", "WSO2 Carbon kernel 4.x (common ports)", ProductVersion.of("4.0.0"),
                ProductVersion.of("5.0.0"), REPOSITORY_CONF, ports,
                List.of(jmxToggle(true, CARBON_PORTS),
                        new PortCatalogue.Toggle(Feature.EMBEDDED_LDAP, "embedded_ldap.enable", false, CARBON_PORTS),
                        new PortCatalogue.Toggle(Feature.KDC, "embedded_ldap.kdc_enable", false, CARBON_PORTS)),
                CARBON_PORTS);
    }

    private static PortCatalogue identityServer(String id, String from, String until, boolean jmxOn) {
        List<PortDefinition> ports = common(IS_PORTS);
        ports.add(port(PortId.KDC, 8000, "Kerberos Key Distribution Center", OffsetRule.ADD, Feature.KDC, "kdc.port", IS_PORTS));
        ports.add(port(PortId.THRIFT_ENTITLEMENT, 10500, "Thrift entitlement decision service", OffsetRule.ADD,
                Feature.THRIFT_ENTITLEMENT, "entitlement.thrift.port", IS_PORTS));
        String jmxSource = jmxOn ? CARBON_PORTS : IS_DEFAULTS_5_10;
        String name = "WSO2 Identity Server " + (until == null ? from.substring(0, 1) + ".x" : from + " to " + until + " (exclusive)");
        return new PortCatalogue(id, "identity-server", name, ProductVersion.of(from),
                until == null ? null : ProductVersion.of(until), REPOSITORY_CONF, ports,
                List.of(jmxToggle(jmxOn, jmxSource),
                        new PortCatalogue.Toggle(Feature.KDC, "kdc.enable", false, IS_PORTS),
                        new PortCatalogue.Toggle(Feature.THRIFT_ENTITLEMENT, "entitlement.thrift.enable", false, IS_PORTS)),
                IS_PORTS);
    }

    private static PortCatalogue apiManager(String id, String from, String until, String page) {
        List<PortDefinition> ports = common(page);
        ports.add(port("passthrough-http", 8280, "Gateway pass-through (NIO) HTTP transport", OffsetRule.ADD, Feature.PRODUCT,
                "transport.passthru_http.listener.parameters.port", APIM_DEFAULTS));
        ports.add(port("passthrough-https", 8243, "Gateway pass-through (NIO) HTTPS transport", OffsetRule.ADD, Feature.PRODUCT,
                "transport.passthru_https.listener.parameters.port", APIM_DEFAULTS));
        ports.add(port("traffic-manager-binary", 9611, "Traffic manager: binary TCP receiver of throttling events",
                OffsetRule.ADD, Feature.PRODUCT, "transport.binary.receiver.tcpPort", APIM_DEFAULTS));
        ports.add(port("traffic-manager-binary-ssl", 9711, "Traffic manager: binary SSL receiver of throttling events",
                OffsetRule.ADD, Feature.PRODUCT, "transport.binary.receiver.sslPort", APIM_DEFAULTS));
        ports.add(port("broker", 5672, "Internal message broker (AMQP)", OffsetRule.ADD, Feature.PRODUCT,
                "broker.transport.amqp.default_connection.port", APIM_DEFAULTS));
        ports.add(port("websocket", 9099, "Gateway WebSocket transport", OffsetRule.ADD, Feature.PRODUCT, "apim.ws.port",
                APIM_DEFAULTS));
        ports.add(port("websocket-secure", 8099, "Gateway secure WebSocket transport", OffsetRule.ADD, Feature.PRODUCT,
                "apim.wss.port", APIM_DEFAULTS));
        ports.add(port("embedded-ldap", 10389, "Embedded LDAP server", OffsetRule.ADD, Feature.EMBEDDED_LDAP,
                "embedded_ldap.port", page));
        String name = "WSO2 API Manager " + from.charAt(0) + ".x";
        return new PortCatalogue(id, "api-manager", name, ProductVersion.of(from), until == null ? null : ProductVersion.of(until),
                REPOSITORY_CONF, ports,
                List.of(jmxToggle(true, APIM_DEFAULTS),
                        new PortCatalogue.Toggle(Feature.EMBEDDED_LDAP, "embedded_ldap.enable", false, page)),
                page);
    }

    private static PortCatalogue microIntegrator() {
        List<PortDefinition> ports = new ArrayList<>();
        ports.add(port("passthrough-http", 8280, "HTTP pass-through transport", MI_INTERNAL, Feature.PRODUCT,
                "transport.http.listener.port", MI_PORTS));
        ports.add(port("passthrough-https", 8243, "HTTPS pass-through transport", MI_INTERNAL, Feature.PRODUCT,
                "transport.http.listener.secured_port", MI_PORTS));
        ports.add(port("management-api-https", 9154, "Management API, HTTPS", MI_INTERNAL, Feature.PRODUCT,
                "mediation.internal_https_api_port", MI_PORTS));
        ports.add(port("management-api-http", 9191, "Management API, HTTP", MI_INTERNAL, Feature.PRODUCT,
                "mediation.internal_http_api_port", MI_PORTS));
        ports.add(port(PortId.JMX_RMI_REGISTRY, 9999, "JMX: RMI registry", MI_INTERNAL, Feature.JMX,
                "monitoring.jmx.rmi_registry_port", MI_DEFAULTS));
        ports.add(port(PortId.JMX_RMI_SERVER, 11111, "JMX: RMI server", MI_INTERNAL, Feature.JMX,
                "monitoring.jmx.rmi_server_port", MI_DEFAULTS));
        return new PortCatalogue("wso2mi", "micro-integrator", "WSO2 Micro Integrator", ProductVersion.of("1.0.0"), null,
                "conf/deployment.toml", ports, List.of(jmxToggle(true, MI_DEFAULTS)), MI_PORTS);
    }

    private static PortCatalogue streamingIntegrator() {
        List<PortDefinition> ports = new ArrayList<>();
        ports.add(port(PortId.HTTP, 9090, "Server runtime: netty HTTP transport", SI_NETTY, Feature.SERVLET_TRANSPORTS,
                "wso2.transport.http.listenerConfigurations.default.port", SI_PORTS));
        ports.add(port(PortId.HTTPS, 9443, "Server runtime: netty HTTPS transport", SI_NETTY, Feature.SERVLET_TRANSPORTS,
                "wso2.transport.http.listenerConfigurations.msf4j-https.port", SI_PORTS));
        ports.add(port("store-api-http", 7070, "Server runtime: Store Query API, HTTP", SI_NETTY, Feature.PRODUCT, "",
                SI_PORTS));
        ports.add(port("store-api-https", 7443, "Server runtime: Store Query API, HTTPS", SI_NETTY, Feature.PRODUCT, "",
                SI_PORTS));
        ports.add(port("thrift", 7611, "Thrift TCP receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                "wso2.carbon.ports.offset", SI_PORTS));
        ports.add(port("thrift-ssl", 7711, "Thrift SSL receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                "wso2.carbon.ports.offset", SI_PORTS));
        ports.add(port("binary", 9611, "Binary TCP receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                "wso2.carbon.ports.offset", SI_PORTS));
        ports.add(port("binary-ssl", 9711, "Binary SSL receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                "wso2.carbon.ports.offset", SI_PORTS));
        return new PortCatalogue("wso2si", "streaming-integrator", "WSO2 Streaming Integrator", ProductVersion.of("1.0.0"), null,
                "conf/server/deployment.yaml", ports, List.of(), SI_PORTS);
    }

    private static PortCatalogue enterpriseIntegrator() {
        List<PortDefinition> ports = new ArrayList<>();
        ports.add(port(PortId.HTTPS, 9443, "Integrator profile: HTTPS servlet transport", OffsetRule.ADD,
                Feature.SERVLET_TRANSPORTS, "", EI_PORTS));
        ports.add(port(PortId.HTTP, 9763, "Integrator profile: HTTP servlet transport", OffsetRule.ADD,
                Feature.SERVLET_TRANSPORTS, "", EI_PORTS));
        ports.add(port("passthrough-http", 8280, "Integrator profile: pass-through HTTP", OffsetRule.ADD, Feature.PRODUCT, "",
                EI_PORTS));
        ports.add(port("passthrough-https", 8243, "Integrator profile: pass-through HTTPS", OffsetRule.ADD, Feature.PRODUCT, "",
                EI_PORTS));
        ports.add(port(PortId.JMX_RMI_REGISTRY, 9999, "Integrator profile: JMX RMI registry", OffsetRule.ADD, Feature.JMX, "",
                EI_PORTS));
        ports.add(port(PortId.JMX_RMI_SERVER, 11111, "Integrator profile: JMX RMI server", OffsetRule.ADD, Feature.JMX, "",
                EI_PORTS));
        ports.add(port("analytics-https", 9443, "Analytics profile: management console (9444 with its offset of 1)",
                profile(1, "analytics"), Feature.PRODUCT, "", EI_PORTS));
        ports.add(port("analytics-thrift", 7611, "Analytics profile: Thrift TCP receiver", profile(1, "analytics"),
                Feature.PRODUCT, "", EI_ANALYTICS));
        ports.add(port("analytics-thrift-ssl", 7711, "Analytics profile: Thrift SSL receiver", profile(1, "analytics"),
                Feature.PRODUCT, "", EI_ANALYTICS));
        ports.add(port("business-process-https", 9443, "Business-process profile: HTTPS (9445 with its offset of 2)",
                profile(2, "business-process"), Feature.PRODUCT, "", EI_PORTS));
        return new PortCatalogue("wso2ei-6", "enterprise-integrator", "WSO2 Enterprise Integrator 6.x (integrator, "
                + "analytics and business-process profiles)", ProductVersion.of("6.0.0"), ProductVersion.of("7.0.0"),
                "conf/carbon.xml", ports, List.of(jmxToggle(true, EI_PORTS)), EI_PORTS);
    }

    private static PortCatalogue apimAnalytics() {
        List<PortDefinition> ports = new ArrayList<>();
        ports.add(port("thrift", 7612, "Worker: Thrift TCP receiver of gateway events", OffsetRule.ADD, Feature.PRODUCT,
                "wso2.carbon.ports.offset", ANALYTICS_PORTS));
        ports.add(port("thrift-ssl", 7712, "Worker: Thrift SSL receiver of gateway events", OffsetRule.ADD, Feature.PRODUCT,
                "wso2.carbon.ports.offset", ANALYTICS_PORTS));
        ports.add(port("siddhi-store-api", 7444, "Worker: Siddhi store REST API", SI_NETTY, Feature.PRODUCT, "",
                ANALYTICS_PORTS));
        ports.add(port(PortId.HTTPS, 9444, "Worker: MSF4J HTTPS, analytics upload from the microgateway", SI_NETTY,
                Feature.SERVLET_TRANSPORTS, "", ANALYTICS_PORTS));
        ports.add(port("dashboard", 9643, "Dashboard portal", SI_NETTY, Feature.PRODUCT, "", ANALYTICS_PORTS));
        return new PortCatalogue("wso2am-analytics-3", "api-manager-analytics", "WSO2 API-M Analytics 3.x",
                ProductVersion.of("3.0.0"), ProductVersion.of("4.0.0"), "conf/worker/deployment.yaml", ports, List.of(),
                ANALYTICS_PORTS);
    }

    /** The Carbon kernel's ports, which every Carbon product opens: servlet transports, JMX, clustering. */
    private static List<PortDefinition> common(String page) {
        List<PortDefinition> ports = new ArrayList<>();
        ports.add(port(PortId.HTTPS, 9443, "HTTPS servlet transport (management console)", OffsetRule.ADD,
                Feature.SERVLET_TRANSPORTS, "transport.https.properties.port", page));
        ports.add(port(PortId.HTTP, 9763, "HTTP servlet transport", OffsetRule.ADD, Feature.SERVLET_TRANSPORTS,
                "transport.http.properties.port", page));
        // WSO2's code names 9999 the registry and 11111 the server; its pages say the reverse.
        ports.add(port(PortId.JMX_RMI_REGISTRY, 9999, "JMX: RMI registry", OffsetRule.ADD, Feature.JMX,
                "monitoring.jmx.rmi_registry_port", APIM_DEFAULTS));
        ports.add(port(PortId.JMX_RMI_SERVER, 11111, "JMX: RMI server", OffsetRule.ADD, Feature.JMX,
                "monitoring.jmx.rmi_server_port", APIM_DEFAULTS));
        ports.add(port(PortId.CLUSTER_MEMBER, 4000, "Hazelcast member port, under every membership scheme", MEMBER_AS_WRITTEN,
                Feature.CLUSTERING, "clustering.local_member_port", HAZELCAST_AGENT));
        ports.add(port(PortId.CLUSTER_MULTICAST, 45564, "Multicast membership group port", MULTICAST,
                Feature.CLUSTERING_MULTICAST, "clustering.multicast_port", page));
        return ports;
    }

    private static OffsetRule profile(int offset, String name) {
        return OffsetRule.follows(offset, "the " + name + " profile runs with the offset its own carbon.xml sets ("
                + offset + "), not the integrator's");
    }

    private static PortCatalogue.Toggle jmxToggle(boolean on, String source) {
        return new PortCatalogue.Toggle(Feature.JMX, "monitoring.jmx.rmi_server_start", on, source);
    }

    private static PortDefinition port(String id, int number, String description, OffsetRule rule, Feature feature,
            String key, String source) {
        Set<Protocol> protocols = id.equals(PortId.KDC) ? Set.of(Protocol.TCP, Protocol.UDP)
                : id.equals(PortId.CLUSTER_MULTICAST) ? Set.of(Protocol.UDP) : Set.of(Protocol.TCP);
        return new PortDefinition(id, number, protocols, description, rule, feature, key, source);
    }
}
