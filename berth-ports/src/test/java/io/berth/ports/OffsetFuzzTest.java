package io.berth.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.berth.ports.internal.PortRange;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the offset parser with whatever a user may type after {@code --port-offset},
 * {@code -DportOffset=} or {@code [server] offset =}, then plans the ports at the offset it gives.
 * An offset is accepted and every enabled port lands in 1..65535, or it is refused with a
 * {@link PortSettingsException} whose message is one line. Any other exception is a finding.
 *
 * <p>{@code mvn verify} fuzzes it for {@code maxDuration}; seeds and past findings are in
 * {@code OffsetFuzzTestInputs/} beside this class in the test resources.
 */
class OffsetFuzzTest {

    private static final List<OffsetSource> STATED_SOURCES =
            List.of(OffsetSource.OPTION, OffsetSource.SYSTEM_PROPERTY, OffsetSource.CONFIG);

    /** Every port on, and the servlet transports alone, which leave room for offsets up to 56092. */
    private static final List<PortLayout> LAYOUTS = List.of(
            PortLayout.allDefaults(),
            new PortLayout(Map.of(), EnumSet.of(Feature.SERVLET_TRANSPORTS)));

    /** Probing stays off the network: every port is free, so {@code auto} is offset 0. */
    private static final PortProbe NOTHING_TAKEN = (port, protocol) -> true;

    @FuzzTest(maxDuration = "25s")
    void offsetIsAcceptedOrRefusedInOneLine(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (OffsetSource source : STATED_SOURCES) {
            for (PortLayout layout : LAYOUTS) {
                try {
                    RequestedOffset requested = RequestedOffset.resolve(new OffsetSetting(source, text));
                    assertEquals(source, requested.source());
                    assertTrue(requested.value() >= 0, "a negative offset was accepted: " + requested);
                    checkPlan(PortPlanner.plan(layout, requested, NOTHING_TAKEN), requested);
                } catch (PortSettingsException refused) {
                    assertOneLine(refused);
                }
            }
        }
    }

    private static void checkPlan(PortPlan plan, RequestedOffset requested) {
        if (!requested.auto()) {
            assertEquals(requested.value(), plan.offset().value());
        }
        for (PlannedPort port : plan.enabledPorts()) {
            assertTrue(PortRange.contains(port.effective()), port.id() + " planned outside " + PortRange.TEXT
                    + ": " + port.effective());
        }
    }

    /** The project's rule for bad input: one line, ready to print, that says what is wrong. */
    private static void assertOneLine(RuntimeException refused) {
        String message = refused.getMessage();
        assertNotNull(message, () -> refused.getClass().getSimpleName() + " without a message");
        assertFalse(message.isBlank(), () -> refused.getClass().getSimpleName() + " with a blank message");
        assertFalse(message.contains("\n") || message.contains("\r"),
                () -> refused.getClass().getSimpleName() + " message is not one line: " + message);
    }
}
