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
 *   <li>Carbon 5 products (Streaming Integrator, API-M Analytics) read {@code wso2.carbon: ports: offset}; MSF4J
 *       (2.7.5 and later) adds it to the {@code wso2.transport.http} listeners and the data bridge to its Thrift and
 *       binary receivers, but the Siddhi Store API binds {@code siddhi.stores.query.api} as written.</li>
 *   <li>Enterprise Integrator 6's profiles each run with the offset their own {@code carbon.xml} or
 *       {@code deployment.yaml} sets (business-process 2, broker 3, analytics worker 0 with ports of its own),
 *       whatever the integrator profile's offset; a home's reader takes each from the profile's file.</li>
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
    private static final String EI_TREE = "https://github.com/wso2/product-ei/blob/c60376b439d608ed915333de3161251efb723693/";
    private static final String EI_CARBON = EI_TREE + "distribution/src/conf/carbon.xml";
    private static final String EI_AXIS2 = EI_TREE + "distribution/src/conf/axis2.xml";
    private static final String EI_CATALINA = EI_TREE + "distribution/src/resources/tomcat/catalina-server.xml";
    private static final String EI_BPS = EI_TREE + "distribution/src/business-process/conf/carbon.xml";
    private static final String EI_BROKER = EI_TREE + "distribution/src/broker/conf/carbon.xml";
    private static final String EI_ANALYTICS_WORKER = EI_TREE + "p2-profile/analytics-profile/carbon-home/conf/worker/deployment.yaml";
    private static final String EI_ANALYTICS_DASHBOARD = EI_TREE
            + "p2-profile/analytics-profile/carbon-home/conf/dashboard/deployment.yaml";
    private static final String CARBON_JMX = "https://docs.wso2.com/display/ADMIN44x/JMX-Based+Monitoring";
    private static final String ANDES = "https://github.com/wso2/andes (AndesConfigurationManager.initialize(offset): the "
            + "broker's transports add the Carbon offset)";
    /** MSF4J 2.7.5 and later add {@code wso2.carbon} {@code ports: offset} to every {@code wso2.transport.http} listener. */
    private static final String MSF4J_OFFSET = "https://github.com/wso2/msf4j/blob/v2.7.5/core/src/main/java/org/wso2/msf4j/"
            + "internal/MicroservicesServerSC.java";
    /** The Siddhi Store API starts its own MSF4J runner on {@code siddhi.stores.query.api}, without the offset. */
    private static final String STORES_API = "https://github.com/wso2/carbon-analytics (StoresApi: a MicroservicesRunner "
            + "on siddhi.stores.query.api, no offset added)";
    private static final String ANALYTICS_TREE = "https://github.com/wso2/analytics-apim/blob/"
            + "bcf691931e1e73414480e3e3481025a97b80b4e9/product/distribution/carbon-home/conf/";
    private static final String ANALYTICS_WORKER_YAML = ANALYTICS_TREE + "worker/deployment.yaml";
    private static final String ANALYTICS_DASHBOARD_YAML = ANALYTICS_TREE + "dashboard/deployment.yaml";

    /** Keys of a Carbon 5 deployment.yaml, as {@code FILE#PATH} continues them (Wso2Files reads them). */
    private static final String CARBON5_OFFSET = "wso2.carbon/ports/offset";
    private static final String NETTY_HTTP = "wso2.transport.http/listenerConfigurations[id=default]/port";
    private static final String NETTY_HTTPS = "wso2.transport.http/listenerConfigurations[id=msf4j-https]/port";
    private static final String STORE_HTTP = "siddhi.stores.query.api/listenerConfigurations[id=default]/port";
    private static final String STORE_HTTPS = "siddhi.stores.query.api/listenerConfigurations[id=msf4j-https]/port";
    private static final String THRIFT = "databridge.config/dataReceivers[dataReceiver/type=Thrift]/dataReceiver/properties/";
    private static final String BINARY = "databridge.config/dataReceivers[dataReceiver/type=Binary]/dataReceiver/properties/";
    /** Keys of Carbon 4's catalina-server.xml: the connector with SSL, and the one without. */
    private static final String CATALINA_HTTPS = "Service/Connector[SSLEnabled=true]/@port";
    private static final String CATALINA_HTTP = "Service/Connector[SSLEnabled!=true]/@port";
    private static final String ANALYTICS_PORTS = "https://apim.docs.wso2.com/en/3.0.0/learn/analytics/default-ports-of-wso2-api-m-analytics/";

    private static final OffsetRule MEMBER_AS_WRITTEN = OffsetRule.fixed("WSO2 binds local_member_port as written, "
            + "without the offset; Hazelcast moves to the next free port when it is taken");
    private static final OffsetRule MULTICAST = OffsetRule.shared("a multicast group port is shared by every member");
    private static final OffsetRule MI_INTERNAL = OffsetRule.internal(10,
            "Micro Integrator adds an internal offset of 10, which a stated offset replaces");
    private static final OffsetRule STORE_API = OffsetRule.fixed("the Siddhi Store API binds siddhi.stores.query.api as "
            + "written: its own MSF4J runner adds no offset");

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
        String file = "conf/server/deployment.yaml#";
        List<PortDefinition> ports = new ArrayList<>();
        ports.add(port(PortId.HTTP, 9090, "Server runtime: netty HTTP transport", OffsetRule.ADD, Feature.SERVLET_TRANSPORTS,
                file + NETTY_HTTP, MSF4J_OFFSET));
        ports.add(port(PortId.HTTPS, 9443, "Server runtime: netty HTTPS transport", OffsetRule.ADD, Feature.SERVLET_TRANSPORTS,
                file + NETTY_HTTPS, MSF4J_OFFSET));
        ports.add(port("store-api-http", 7070, "Server runtime: Siddhi Store Query API, HTTP", STORE_API, Feature.PRODUCT,
                file + STORE_HTTP, STORES_API));
        ports.add(port("store-api-https", 7443, "Server runtime: Siddhi Store Query API, HTTPS", STORE_API, Feature.PRODUCT,
                file + STORE_HTTPS, STORES_API));
        ports.add(port("thrift", 7611, "Thrift TCP receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                file + THRIFT + "tcpPort", SI_PORTS));
        ports.add(port("thrift-ssl", 7711, "Thrift SSL receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                file + THRIFT + "sslPort", SI_PORTS));
        ports.add(port("binary", 9611, "Binary TCP receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                file + BINARY + "tcpPort", SI_PORTS));
        ports.add(port("binary-ssl", 9711, "Binary SSL receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                file + BINARY + "sslPort", SI_PORTS));
        return new PortCatalogue("wso2si", "streaming-integrator", "WSO2 Streaming Integrator", ProductVersion.of("1.0.0"), null,
                "conf/server/deployment.yaml", ports, List.of(), SI_PORTS);
    }

    private static PortCatalogue enterpriseIntegrator() {
        List<PortDefinition> ports = new ArrayList<>();
        String catalina = "conf/tomcat/catalina-server.xml#";
        String axis2 = "conf/axis2/axis2.xml#";
        ports.add(port(PortId.HTTPS, 9443, "Integrator profile: HTTPS servlet transport", OffsetRule.ADD,
                Feature.SERVLET_TRANSPORTS, catalina + CATALINA_HTTPS, EI_CATALINA));
        ports.add(port(PortId.HTTP, 9763, "Integrator profile: HTTP servlet transport", OffsetRule.ADD,
                Feature.SERVLET_TRANSPORTS, catalina + CATALINA_HTTP, EI_CATALINA));
        ports.add(port("passthrough-http", 8280, "Integrator profile: pass-through HTTP transport", OffsetRule.ADD, Feature.PRODUCT,
                axis2 + "transportReceiver[name=http]/parameter[name=port]", EI_AXIS2));
        ports.add(port("passthrough-https", 8243, "Integrator profile: pass-through HTTPS transport", OffsetRule.ADD,
                Feature.PRODUCT, axis2 + "transportReceiver[name=https]/parameter[name=port]", EI_AXIS2));
        ports.add(port(PortId.JMX_RMI_REGISTRY, 9999, "Integrator profile: JMX RMI registry", OffsetRule.ADD, Feature.JMX,
                "conf/carbon.xml#Ports/JMX/RMIRegistryPort", EI_CARBON));
        ports.add(port(PortId.JMX_RMI_SERVER, 11111, "Integrator profile: JMX RMI server", OffsetRule.ADD, Feature.JMX,
                "conf/carbon.xml#Ports/JMX/RMIServerPort", EI_CARBON));
        ports.add(port(PortId.CLUSTER_MEMBER, 4000, "Integrator profile: Hazelcast member port (axis2.xml clustering)",
                MEMBER_AS_WRITTEN, Feature.CLUSTERING, axis2 + "clustering/parameter[name=localMemberPort]", HAZELCAST_AGENT));
        ports.add(port(PortId.CLUSTER_MULTICAST, 45564, "Integrator profile: multicast membership group port", MULTICAST,
                Feature.CLUSTERING_MULTICAST, axis2 + "clustering/parameter[name=mcastPort]", EI_PORTS));
        String bps = "wso2/business-process/conf/";
        OffsetRule bpsOffset = profile(2, bps, "business-process");
        ports.add(port("business-process-https", 9443, "Business-process profile: HTTPS servlet transport", bpsOffset,
                Feature.PRODUCT, bps + "tomcat/catalina-server.xml#" + CATALINA_HTTPS, EI_BPS));
        ports.add(port("business-process-http", 9763, "Business-process profile: HTTP servlet transport", bpsOffset,
                Feature.PRODUCT, bps + "tomcat/catalina-server.xml#" + CATALINA_HTTP, EI_BPS));
        String broker = "wso2/broker/conf/";
        OffsetRule brokerOffset = profile(3, broker, "broker");
        ports.add(port("broker-https", 9443, "Broker profile: HTTPS servlet transport", brokerOffset,
                Feature.PRODUCT, broker + "tomcat/catalina-server.xml#" + CATALINA_HTTPS, EI_BROKER));
        ports.add(port("broker-http", 9763, "Broker profile: HTTP servlet transport", brokerOffset,
                Feature.PRODUCT, broker + "tomcat/catalina-server.xml#" + CATALINA_HTTP, EI_BROKER));
        ports.add(port("broker-amqp", 5672, "Broker profile: AMQP transport (Andes adds the profile's offset)", brokerOffset,
                Feature.PRODUCT, "", ANDES));
        ports.add(port("broker-mqtt", 1883, "Broker profile: MQTT transport (Andes adds the profile's offset)", brokerOffset,
                Feature.PRODUCT, "", ANDES));
        // EI 6.2 and later ship the analytics profile as a Carbon 5 (Stream Processor) runtime; its MSF4J (2.2) binds
        // wso2.transport.http as written, its data bridge adds the runtime's own offset.
        String worker = "wso2/analytics/conf/worker/deployment.yaml#";
        OffsetRule workerOffset = OffsetRule.follows(0, worker + CARBON5_OFFSET, "the analytics worker runs with the offset "
                + "its own deployment.yaml sets (0 as shipped), not the integrator's");
        OffsetRule asWritten = OffsetRule.fixed("the analytics profile's MSF4J 2.2 binds wso2.transport.http as written");
        ports.add(port("analytics-http", 9091, "Analytics profile, worker: netty HTTP transport", asWritten, Feature.PRODUCT,
                worker + NETTY_HTTP, EI_ANALYTICS_WORKER));
        ports.add(port("analytics-https", 9444, "Analytics profile, worker: netty HTTPS transport", asWritten, Feature.PRODUCT,
                worker + NETTY_HTTPS, EI_ANALYTICS_WORKER));
        ports.add(port("analytics-thrift", 7612, "Analytics profile, worker: Thrift TCP receiver", workerOffset, Feature.PRODUCT,
                worker + THRIFT + "tcpPort", EI_ANALYTICS_WORKER));
        ports.add(port("analytics-thrift-ssl", 7712, "Analytics profile, worker: Thrift SSL receiver", workerOffset,
                Feature.PRODUCT, worker + THRIFT + "sslPort", EI_ANALYTICS_WORKER));
        ports.add(port("analytics-binary", 9611, "Analytics profile, worker: binary TCP receiver", workerOffset,
                Feature.PRODUCT, worker + BINARY + "tcpPort", EI_ANALYTICS_WORKER));
        ports.add(port("analytics-binary-ssl", 9711, "Analytics profile, worker: binary SSL receiver", workerOffset,
                Feature.PRODUCT, worker + BINARY + "sslPort", EI_ANALYTICS_WORKER));
        ports.add(port("analytics-dashboard", 9643, "Analytics profile, dashboard: netty HTTPS transport", asWritten,
                Feature.PRODUCT, "wso2/analytics/conf/dashboard/deployment.yaml#wso2.transport.http/listenerConfigurations"
                        + "[id=default-https]/port", EI_ANALYTICS_DASHBOARD));
        return new PortCatalogue("wso2ei-6", "enterprise-integrator", "WSO2 Enterprise Integrator 6.x (integrator profile, "
                + "with the broker, business-process and analytics profiles of its home)", ProductVersion.of("6.0.0"),
                ProductVersion.of("7.0.0"), "conf/carbon.xml", ports,
                List.of(new PortCatalogue.Toggle(Feature.JMX, "conf/etc/jmx.xml#StartRMIServer", true, CARBON_JMX)),
                EI_PORTS);
    }

    private static PortCatalogue apimAnalytics() {
        String worker = "conf/worker/deployment.yaml#";
        String dashboardFile = "conf/dashboard/deployment.yaml#";
        OffsetRule dashboard = OffsetRule.follows(3, dashboardFile + CARBON5_OFFSET, "the dashboard runtime runs with the "
                + "offset its own deployment.yaml sets (3 as shipped), not the worker's");
        List<PortDefinition> ports = new ArrayList<>();
        ports.add(port(PortId.HTTP, 9090, "Worker: netty HTTP transport", OffsetRule.ADD, Feature.SERVLET_TRANSPORTS,
                worker + NETTY_HTTP, MSF4J_OFFSET));
        ports.add(port(PortId.HTTPS, 9443, "Worker: netty HTTPS transport, analytics upload from the microgateway (9444 at "
                + "the shipped offset 1)", OffsetRule.ADD, Feature.SERVLET_TRANSPORTS, worker + NETTY_HTTPS, ANALYTICS_PORTS));
        ports.add(port("siddhi-store-api-http", 7071, "Worker: Siddhi Store Query API, HTTP", STORE_API, Feature.PRODUCT,
                worker + STORE_HTTP, STORES_API));
        ports.add(port("siddhi-store-api", 7444, "Worker: Siddhi Store Query API, HTTPS", STORE_API, Feature.PRODUCT,
                worker + STORE_HTTPS, ANALYTICS_PORTS));
        ports.add(port("thrift", 7611, "Worker: Thrift TCP receiver of gateway events (7612 at the shipped offset 1)",
                OffsetRule.ADD, Feature.PRODUCT, worker + THRIFT + "tcpPort", ANALYTICS_PORTS));
        ports.add(port("thrift-ssl", 7711, "Worker: Thrift SSL receiver of gateway events (7712 at the shipped offset 1)",
                OffsetRule.ADD, Feature.PRODUCT, worker + THRIFT + "sslPort", ANALYTICS_PORTS));
        ports.add(port("binary", 9611, "Worker: binary TCP receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                worker + BINARY + "tcpPort", ANALYTICS_WORKER_YAML));
        ports.add(port("binary-ssl", 9711, "Worker: binary SSL receiver of events", OffsetRule.ADD, Feature.PRODUCT,
                worker + BINARY + "sslPort", ANALYTICS_WORKER_YAML));
        ports.add(port("dashboard-http", 9089, "Dashboard runtime: netty HTTP transport", dashboard, Feature.PRODUCT,
                dashboardFile + "wso2.transport.http/listenerConfigurations[id=default]/port", ANALYTICS_DASHBOARD_YAML));
        ports.add(port("dashboard", 9640, "Dashboard runtime: netty HTTPS transport, the dashboard portal (9643 at the "
                + "shipped offset 3)", dashboard, Feature.PRODUCT,
                dashboardFile + "wso2.transport.http/listenerConfigurations[id=default-https]/port", ANALYTICS_PORTS));
        return new PortCatalogue("wso2am-analytics-3", "api-manager-analytics", "WSO2 API-M Analytics 3.x (worker and dashboard)",
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

    /** A Carbon 4 profile of an EI home: its ports move by the offset its own conf/carbon.xml sets. */
    private static OffsetRule profile(int offset, String conf, String name) {
        return OffsetRule.follows(offset, conf + "carbon.xml#Ports/Offset", "the " + name + " profile runs with the offset its "
                + "own carbon.xml sets (" + offset + " as shipped), not the integrator's");
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
