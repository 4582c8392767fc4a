package io.berth.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adoption example of the package's documentation ({@code package-info.java}), line for line, does what it says. */
class PackageExampleTest {

    private final String before = System.getProperty(OffsetSource.PROPERTY_NAME);

    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(OffsetSource.PROPERTY_NAME);
        } else {
            System.setProperty(OffsetSource.PROPERTY_NAME, before);
        }
    }

    /** The five lines of the example; a stated offset asks the probe nothing, so no port is bound. */
    private static PortPlan example(String option, String fileOffset) {
        PortLayout layout = new PortLayout(Map.of(PortId.HTTPS, 8443), EnumSet.of(Feature.SERVLET_TRANSPORTS));
        RequestedOffset requested = RequestedOffset.resolve(new OffsetSetting(OffsetSource.OPTION, option),
                new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, System.getProperty(OffsetSource.PROPERTY_NAME)),
                new OffsetSetting(OffsetSource.CONFIG, fileOffset));
        PortPlan plan = PortPlanner.plan(layout, requested, new SocketProbe());
        return plan;
    }

    @Test
    void theSystemPropertyMovesTheConfiguredBase() {
        System.setProperty(OffsetSource.PROPERTY_NAME, "3");
        PortPlan plan = example(null, "1");
        assertEquals(8446, plan.effective(PortId.HTTPS), "8443 + 3, the comment of the example");
        assertEquals(OffsetSource.SYSTEM_PROPERTY, plan.offset().source());
        assertEquals(9443, plan.find(PortId.HTTPS).orElseThrow().definition().defaultPort(), "the catalogue default stays in view");
    }

    @Test
    void theOptionWinsOverThePropertyAndTheFileOverNothing() {
        System.setProperty(OffsetSource.PROPERTY_NAME, "3");
        assertEquals(8448, example("5", "1").effective(PortId.HTTPS));
        System.clearProperty(OffsetSource.PROPERTY_NAME);
        assertEquals(8444, example(null, "1").effective(PortId.HTTPS));
        assertEquals(OffsetSource.DEFAULT, example(null, null).offset().source());
    }
}
