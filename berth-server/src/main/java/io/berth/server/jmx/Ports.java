package io.berth.server.jmx;

import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.Json;
import io.berth.server.report.PortView;
import java.util.function.Supplier;

/** The MBean behind {@code berth:type=Ports}, reading the instance's current record. */
public final class Ports implements PortsMBean {

    private final Supplier<InstanceRecord> instance;

    public Ports(Supplier<InstanceRecord> instance) {
        this.instance = instance;
    }

    @Override
    public int getOffset() {
        return instance.get().ports().offset();
    }

    @Override
    public String getOffsetSource() {
        return instance.get().ports().offsetSource();
    }

    @Override
    public String[] getPortTable() {
        return instance.get().ports().ports().stream().map(Ports::line).toArray(String[]::new);
    }

    private static String line(PortView port) {
        return port.id() + " " + port.defaultPort() + " -> " + port.effective() + " " + port.protocol() + " "
                + port.offsetText() + " " + port.stateText();
    }

    @Override
    public String getPortsJson() {
        return Json.write(instance.get().ports());
    }

    @Override
    public int getClusterMemberCount() {
        InstanceRecord record = instance.get();
        return record.cluster() == null ? 0 : record.cluster().memberCount();
    }
}
