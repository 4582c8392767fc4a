package io.berth.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortCatalogueTest {

    /** The seed's ports: id, default, protocols, whether the offset applies. */
    @ParameterizedTest
    @CsvSource({
        "https,              9443,  tcp,     true",
        "http,               9763,  tcp,     true",
        "jmx-rmi-registry,   11111, tcp,     true",
        "jmx-rmi-server,     9999,  tcp,     true",
        "cluster-multicast,  45564, udp,     false",
        "cluster-wka,        4000,  tcp,     true",
        "kdc,                8000,  tcp+udp, true",
        "thrift-entitlement, 10500, tcp,     true",
    })
    void everySeedPortIsCatalogued(String id, int port, String protocols, boolean offsetApplied) {
        PortDefinition definition = PortCatalogue.BERTH.port(id);
        assertEquals(port, definition.defaultPort());
        assertEquals(protocols, definition.protocolText());
        assertEquals(offsetApplied, definition.offsetApplied());
        assertFalse(definition.description().isBlank());
    }

    @Test
    void everyFixedPortSaysWhy() {
        for (PortDefinition definition : PortCatalogue.BERTH.ports()) {
            assertTrue(definition.offsetApplied() || !definition.fixedReason().isBlank(), definition.id());
        }
    }

    @Test
    void catalogueHoldsExactlyTheSeedPorts() {
        assertEquals(Set.of(9443, 9763, 11111, 9999, 45564, 4000, 8000, 10500),
                Set.copyOf(PortCatalogue.BERTH.ports().stream().map(PortDefinition::defaultPort).toList()));
    }

    /** Each default port is listed ("9443 - HTTPS ...") by every seed page, when the seeds are beside the checkout. */
    @Test
    void everyDefaultPortIsListedByEverySeedPage() throws IOException {
        Path seeds = Path.of("..", "..", "shared", "seeds").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(seeds), "seed pages not found at " + seeds);
        List<Path> pages;
        try (Stream<Path> files = Files.list(seeds)) {
            pages = files.sorted().toList();
        }
        for (Path page : pages) {
            String text = Files.readString(page);
            for (PortDefinition definition : PortCatalogue.BERTH.ports()) {
                Pattern listed = Pattern.compile("`?\\b" + definition.defaultPort() + "\\b`? - ");
                assertTrue(listed.matcher(text).find(),
                        definition.id() + " " + definition.defaultPort() + " is not listed in " + page.getFileName());
            }
        }
    }
}
