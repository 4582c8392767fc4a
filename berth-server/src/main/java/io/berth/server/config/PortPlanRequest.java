package io.berth.server.config;

import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortPlan;
import io.berth.ports.PortPlanner;
import io.berth.ports.PortProbe;
import io.berth.ports.RequestedOffset;

/**
 * Everything that decides an instance's ports: its configuration and the offset sources above it.
 *
 * @param config         the loaded deployment.toml
 * @param optionOffset   {@code --port-offset}/{@code --offset}, or {@code null}
 * @param propertyOffset the {@code portOffset} system property, or {@code null}
 */
public record PortPlanRequest(DeploymentConfig config, String optionOffset, String propertyOffset) {

    /** A request reading the system property of this process. */
    public static PortPlanRequest of(DeploymentConfig config, String optionOffset) {
        return new PortPlanRequest(config, optionOffset, System.getProperty(OffsetSource.PROPERTY_NAME));
    }

    /** The offset the winning source asks for, sources highest first as DESIGN.md §2 orders them. */
    public RequestedOffset requestedOffset() {
        return RequestedOffset.resolve(
                new OffsetSetting(OffsetSource.OPTION, optionOffset),
                new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, propertyOffset),
                PortConfiguration.offset(config));
    }

    /** The checked plan; {@code auto} asks {@code probe} for the lowest offset with every port free. */
    public PortPlan plan(PortProbe probe) {
        return PortPlanner.plan(PortConfiguration.layout(config), requestedOffset(), probe);
    }
}
