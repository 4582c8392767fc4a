package io.berth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.BindAddress;
import io.berth.ports.PortLayout;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortPlan;
import io.berth.ports.SocketBindings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketBindingConfigurationTest {

    private static final PortPlan AT_3 = PortLayout.allDefaults().at(Offset.of(3, OffsetSource.OPTION));

    @TempDir
    Path dir;

    private SocketBindings read(String toml) throws IOException {
        Path file = dir.resolve("deployment.toml");
        Files.writeString(file, toml);
        DeploymentConfig config = new DeploymentConfigLoader(new References(Map.<String, String>of()::get,
                Map.<String, String>of()::get)).load(file);
        return SocketBindingConfiguration.read(config);
    }

    @Test
    void theHostnameAloneBindsAndAdvertisesEveryPort() throws IOException {
        SocketBindings bindings = read("[server]\nhostname = \"127.0.0.1\"\n");
        for (String id : List.of("https", "http", "jmx-rmi-registry", "kdc", "thrift-entitlement", "cluster-wka")) {
            assertEquals("127.0.0.1", bindings.of(id).bind().addressText(), id);
            assertEquals("127.0.0.1:" + AT_3.effective(id), bindings.advertised(AT_3, id).toString(), id);
        }
    }

    @Test
    void anIpv6HostnameIsBracketedWhereverItIsAdvertised() throws IOException {
        SocketBindings bindings = read("[server]\nhostname = \"::1\"\n");
        assertEquals("[::1]:9446", bindings.advertised(AT_3, "https").toString());
        assertEquals("https://[::1]:9446/console", bindings.advertised(AT_3, "https").url("https", "/console"));
    }

    @Test
    void aWildcardBindsEveryInterfaceAndIsNeverAdvertised() throws IOException {
        for (String wildcard : List.of("0.0.0.0", "::")) {
            SocketBindings bindings = read("[server]\nhostname = \"" + wildcard + "\"\n");
            assertTrue(bindings.of("https").bind().wildcard(), wildcard);
            String advertised = bindings.of("https").advertisedHost();
            assertFalse(BindAddress.isWildcard(advertised), wildcard + " advertised as " + advertised);
            assertEquals(LocalHost.advertisable(!wildcard.contains(":")), advertised);
        }
    }

    @Test
    void eachPortTakesItsOwnBindAndAdvertisedAddress() throws IOException {
        SocketBindings bindings = read("""
                [server]
                hostname = "127.0.0.1"

                [transport.https.properties]
                proxyPort = 443

                [socket_binding.https]
                advertised_address = "berth.example.org"

                [socket_binding.kdc]
                bind_address = "0.0.0.0"
                advertised_address = "[fd00::2]:88"

                [clustering]
                local_member_host = "127.0.0.2"
                """);
        assertEquals("https://berth.example.org/console", bindings.advertised(AT_3, "https").url("https", "/console"));
        assertEquals("127.0.0.1", bindings.of("https").bind().addressText());
        assertTrue(bindings.of("kdc").bind().wildcard());
        assertEquals("[fd00::2]:88", bindings.advertised(AT_3, "kdc").toString());
        assertEquals("127.0.0.2:4003", bindings.advertised(AT_3, "cluster-wka").toString());
        assertEquals("127.0.0.2", bindings.of("cluster-wka").bind().addressText());
        assertEquals("127.0.0.1:9766", bindings.advertised(AT_3, "http").toString());
    }

    @Test
    void badAddressesAreRefusedNamingTheKey() {
        ConfigException wildcard = assertThrows(ConfigException.class,
                () -> read("[socket_binding.https]\nadvertised_address = \"0.0.0.0:443\"\n"));
        assertTrue(wildcard.getMessage().startsWith(dir.resolve("deployment.toml") + ":2: [socket_binding.https] advertised_address must not be a wildcard"),
                wildcard.getMessage());
        ConfigException port = assertThrows(ConfigException.class,
                () -> read("[socket_binding.kdc]\nadvertised_address = \"kdc.example.org:0x58\"\n"));
        assertTrue(port.getMessage().contains("[socket_binding.kdc] advertised_address: 'kdc.example.org:0x58' is not host[:port]"),
                port.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> read("""
                [transport.https.properties]
                proxyPort = 443
                [socket_binding.https]
                advertised_address = "example.org:8443"
                """));
        assertTrue(twice.getMessage().contains("give the advertised port once"), twice.getMessage());
        ConfigException unresolved = assertThrows(ConfigException.class,
                () -> read("[socket_binding.http]\nbind_address = \"no-such-host.invalid\"\n"));
        assertTrue(unresolved.getMessage().contains("[socket_binding.http] bind_address: 'no-such-host.invalid' does not resolve"),
                unresolved.getMessage());
    }
}
