package io.berth.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
        PortDefinition definition = PortCatalogue.get(id);
        assertEquals(port, definition.defaultPort());
        assertEquals(protocols, definition.protocolText());
        assertEquals(offsetApplied, definition.offsetApplied());
        assertFalse(definition.description().isBlank());
    }

    @Test
    void everyFixedPortSaysWhy() {
        for (PortDefinition definition : PortCatalogue.all()) {
            assertTrue(definition.offsetApplied() || !definition.fixedReason().isBlank(), definition.id());
        }
    }

    @Test
    void catalogueHoldsExactlyTheSeedPorts() {
        assertEquals(Set.of(9443, 9763, 11111, 9999, 45564, 4000, 8000, 10500),
                Set.copyOf(PortCatalogue.all().stream().map(PortDefinition::defaultPort).toList()));
    }

    /**
     * WSO2's page of default ports lists exactly the catalogue's defaults: the copy of its port lines in
     * this repository on every checkout, and each seed page too where the seeds are beside the checkout.
     */
    @Test
    void theDefaultPortsAreThoseOfWso2sPageOfDefaultPorts() throws IOException {
        List<String> lines;
        try (InputStream in = PortCatalogueTest.class.getResourceAsStream("wso2-default-ports.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        Set<Integer> listed = lines.stream().map(line -> Integer.parseInt(line.substring(0, line.indexOf(" - ")))).collect(Collectors.toSet());
        Set<Integer> defaults = PortCatalogue.all().stream().map(PortDefinition::defaultPort).collect(Collectors.toSet());
        assertEquals(defaults, listed);

        Path seeds = Path.of("..", "..", "shared", "seeds").toAbsolutePath().normalize();
        if (!Files.isDirectory(seeds)) {
            return;
        }
        List<Path> pages;
        try (Stream<Path> files = Files.list(seeds)) {
            pages = files.sorted().toList();
        }
        for (Path page : pages) {
            String text = Files.readString(page);
            for (int port : listed) {
                Pattern line = Pattern.compile("`?\\b" + port + "\\b`? - ");
                assertTrue(line.matcher(text).find(), port + " is not listed in " + page.getFileName());
            }
        }
    }
}
