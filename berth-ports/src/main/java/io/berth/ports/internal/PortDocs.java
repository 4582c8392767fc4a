package io.berth.ports.internal;

import io.berth.ports.OffsetRule;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.internal.Catalogues;
import io.berth.ports.internal.TomlKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's port pages, generated from the catalogues: for each product, the seed page's tables
 * ("Default Ports of WSO2 Products": each port with what listens there, and "Product 1..5" at offsets
 * 0 to 4), with every port's WSO2 key, offset rule and source. {@code docs/ports/<catalogue>.md} holds
 * the output; a test checks the files are what this generates.
 */
public final class PortDocs {

    /** The seed page's instances: five products at offsets 0 to 4. */
    public static final int INSTANCES = 5;

    private PortDocs() {
    }

    /** The file name of a catalogue's page: {@code wso2is-7.md}. */
    public static String fileName(PortCatalogue catalogue) {
        return catalogue.id() + ".md";
    }

    public static String page(PortCatalogue catalogue) {
        StringBuilder page = new StringBuilder();
        page.append("# Default ports of ").append(catalogue.name()).append("\n\n");
        page.append("<!-- Generated from the catalogue ").append(catalogue.id())
                .append(" (berth-ports Catalogues); edit the catalogue, not this page. -->\n\n");
        page.append("Versions: ").append(catalogue.versionsText()).append(". Port file: `").append(catalogue.configFile())
                .append("`. Source: ").append(catalogue.source()).append("\n\n");
        page.append("| port | protocol | id | what listens | WSO2 key | offset rule | source |\n");
        page.append("|---|---|---|---|---|---|---|\n");
        for (PortDefinition port : catalogue.ports()) {
            String rule = port.rule().reason() == null ? port.rule().text() : port.rule().text() + ": " + port.rule().reason();
            page.append("| ").append(port.defaultPort()).append(" | ").append(port.protocolText()).append(" | `")
                    .append(port.id()).append("` | ").append(port.description()).append(" | ")
                    .append(port.configKey().isEmpty() ? "-" : "`" + TomlKey.display(port.configKey()) + "`").append(" | ")
                    .append(rule).append(" | [source](").append(port.source()).append(") |\n");
        }
        if (!catalogue.toggles().isEmpty()) {
            page.append("\nSwitched by the product's configuration:\n\n");
            for (PortCatalogue.Toggle toggle : catalogue.toggles()) {
                page.append("- `").append(TomlKey.display(toggle.key())).append("` (").append(toggle.feature().wireName())
                        .append("): ").append(toggle.defaultOn() ? "on" : "off").append(" by default ([source](")
                        .append(toggle.source()).append("))\n");
            }
        }
        page.append("\n## ").append(INSTANCES).append(" instances on one host, at offsets 0 to ").append(INSTANCES - 1)
                .append("\n\n");
        page.append(offsetTable(catalogue));
        return page.toString();
    }

    /** One column per instance, one row per port, as the seed page's "WSO2 Product 1..5" table. */
    static String offsetTable(PortCatalogue catalogue) {
        List<String> headers = new ArrayList<>(List.of("port"));
        boolean internal = catalogue.ports().stream().anyMatch(port -> port.rule().kind() == OffsetRule.Kind.INTERNAL);
        if (internal) {
            headers.add("no offset stated");
        }
        for (int offset = 0; offset < INSTANCES; offset++) {
            headers.add("Product " + (offset + 1) + " (offset " + offset + ")");
        }
        StringBuilder table = new StringBuilder("| " + String.join(" | ", headers) + " |\n");
        table.append("|---".repeat(headers.size())).append("|\n");
        for (PortDefinition port : catalogue.ports()) {
            table.append("| `").append(port.id()).append("`");
            if (internal) {
                table.append(" | ").append(port.rule().effective(port.defaultPort(), 0, false));
            }
            for (int offset = 0; offset < INSTANCES; offset++) {
                table.append(" | ").append(port.rule().effective(port.defaultPort(), offset, true));
            }
            table.append(" |\n");
        }
        return table.toString();
    }
}
