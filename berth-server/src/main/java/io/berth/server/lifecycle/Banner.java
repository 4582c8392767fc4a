package io.berth.server.lifecycle;

import io.berth.ports.HostPort;
import io.berth.server.report.PortReport;
import io.berth.server.report.RandomListener;

/** The lines an instance prints once it has started: every port, the offset, where to connect. */
final class Banner {

    private Banner() {
    }

    static String of(InstanceRecord instance, long startMillis) {
        PortReport ports = instance.ports();
        StringBuilder text = new StringBuilder("Berth in ").append(instance.home()).append('\n')
                .append("Offset ").append(ports.offsetText()).append('\n')
                .append(ports.runningTable().toText());
        for (RandomListener random : ports.random()) {
            text.append("random  ").append(random.protocol()).append(' ').append(new HostPort(random.address(), random.port())).append(" (not declared in the registry)\n");
        }
        text.append("Console: ").append(instance.consoleUrl()).append('\n');
        text.append("JMX:     ").append(instance.jmxServiceUrl() == null ? "off"
                : instance.jmxServiceUrl() + " (users and passwords in " + instance.jmxCredentials() + ")").append('\n');
        text.append("Berth started in ").append(startMillis).append(" ms");
        return text.toString();
    }
}
