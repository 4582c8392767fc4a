package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** What a test checks of {@code berth plan --format json}. */
final class PlanJson {

    private PlanJson() {
    }

    /**
     * Every enabled port of every planned instance is its own, per protocol ({@code tcp+udp} counts for both):
     * the plan's promise that the instances can run side by side.
     *
     * @param instances the {@code instances} array of the plan
     * @param context   printed with a failure (the command's result)
     */
    static void assertNoPortShared(JsonNode instances, Object context) {
        Set<String> seen = new HashSet<>();
        for (JsonNode instance : instances) {
            for (JsonNode port : instance.get("ports")) {
                if (port.get("enabled").asBoolean()) {
                    for (String protocol : port.get("protocol").asText().split("\\+")) {
                        assertTrue(seen.add(port.get("effective").asInt() + "/" + protocol), "shared: " + port + "\n" + context);
                    }
                }
            }
        }
    }
}
