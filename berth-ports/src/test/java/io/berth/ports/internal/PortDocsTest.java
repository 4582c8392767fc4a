package io.berth.ports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.berth.ports.PortCatalogue;
import io.berth.ports.internal.Catalogues;
import io.berth.ports.internal.PortDocs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/ports/} is what {@link PortDocs} generates from the catalogues, page for page; a page
 * without a catalogue is stale. {@code -Dberth.docs.write=true} rewrites the pages instead:
 * {@code mvn -B -q -pl berth-ports test -Dtest=PortDocsTest -Dberth.docs.write=true}.
 */
class PortDocsTest {

    private static final Path DOCS = Path.of(System.getProperty("berth.repo", "..")).resolve("docs/ports");

    @Test
    void everyCatalogueHasItsGeneratedPage() throws IOException {
        boolean write = Boolean.getBoolean("berth.docs.write");
        Set<String> expected = new HashSet<>();
        for (PortCatalogue catalogue : Catalogues.ALL) {
            Path page = DOCS.resolve(PortDocs.fileName(catalogue));
            expected.add(page.getFileName().toString());
            if (write) {
                Files.createDirectories(DOCS);
                Files.writeString(page, PortDocs.page(catalogue));
            }
            assertTrue(Files.isRegularFile(page), page + " is missing: regenerate with -Dberth.docs.write=true");
            assertEquals(PortDocs.page(catalogue), Files.readString(page), page + " has drifted from its catalogue");
        }
        try (Stream<Path> pages = Files.list(DOCS)) {
            pages.map(page -> page.getFileName().toString()).filter(name -> name.endsWith(".md") && !name.equals("README.md"))
                    .forEach(name -> assertTrue(expected.contains(name), name + " has no catalogue"));
        }
    }

    /** The seed page's "Product 1..5" table: Identity Server 7's https at offsets 0 to 4, MI's internal offset beside them. */
    @Test
    void offsetTablesFollowEachPortsRule() {
        String is = PortDocs.page(Catalogues.byId("wso2is-7").orElseThrow());
        assertTrue(is.contains("| `https` | 9443 | 9444 | 9445 | 9446 | 9447 |"), is);
        assertTrue(is.contains("| `cluster-wka` | 4000 | 4000 | 4000 | 4000 | 4000 |"), is);
        String mi = PortDocs.page(Catalogues.byId("wso2mi").orElseThrow());
        assertTrue(mi.contains("| `passthrough-http` | 8290 | 8280 | 8281 | 8282 | 8283 | 8284 |"), mi);
    }
}
