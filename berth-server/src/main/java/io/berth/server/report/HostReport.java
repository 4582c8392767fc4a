package io.berth.server.report;

import io.berth.ports.Feature;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.TakenPorts;
import io.berth.server.config.ConfigException;
import io.berth.server.config.PortSettings;
import io.berth.server.config.References;
import io.berth.server.host.HostEntry;
import io.berth.server.host.HostSockets.HostSocket;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.lifecycle.RuntimeFile;
import io.berth.ports.PortSettingsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every listening socket of the host, attributed: to a Berth base (from the host registry), to a WSO2
 * home (found from {@code -Dcarbon.home} or the launcher on the process's command line, with its
 * offset from {@code -DportOffset} or its file, and its catalogue), or to a pid and command. Drift is
 * flagged both ways: a product listening where its catalogue says it should not (a Hazelcast member
 * that auto-incremented past a taken member port, a random JMX agent port), and a catalogue port of an
 * attributed product that nothing listens on.
 *
 * @param sockets one row per listening socket
 * @param missing one row per catalogue port of an attributed product that is not listening
 */
public record HostReport(List<Row> sockets, List<Row> missing) {

    /**
     * @param owner   {@code berth}, {@code wso2}, {@code process}, or {@code unknown} when the OS does not say
     * @param home    the Berth base or WSO2 home, or {@code null}
     * @param product the catalogue's name and version, or {@code null}
     * @param offset  the offset the product runs at, or {@code null}
     * @param portId  the catalogue port this socket is, or {@code null}
     * @param drift   what is wrong, or {@code null}
     */
    public record Row(int port, String protocol, String address, Long pid, String owner, String home, String product,
            Integer offset, String portId, String drift, String command) {
    }

    private static final Pattern CARBON_HOME = Pattern.compile("-Dcarbon\\.home=(\\S+)");
    private static final Pattern BERTH_HOME = Pattern.compile("-Dberth\\.home=(\\S+)");
    private static final Pattern PORT_OFFSET = Pattern.compile("-DportOffset=(\\S+)");
    private static final Pattern LAUNCHER = Pattern.compile(
            "(\\S+)/bin/(wso2server|api-manager|micro-integrator|integrator|server|worker)\\.sh");
    /** How far above its member port Hazelcast's auto-increment looks (its port-count default is 100). */
    private static final int AUTO_INCREMENT_RANGE = 100;

    public HostReport {
        sockets = List.copyOf(sockets);
        missing = List.copyOf(missing);
    }

    /**
     * What one process is, and the ports its catalogue expects, by {@code port/protocol}; for a Berth instance, which
     * is not planned here but says itself which id each of its ports is, those ids by {@code port/protocol}.
     */
    private record Owner(String owner, String home, String product, Integer offset, Map<String, PlannedPort> expected,
            Map<String, String> ids, String problem) {

        Owner(String owner, String home, String product, Integer offset, Map<String, PlannedPort> expected, String problem) {
            this(owner, home, product, offset, expected, Map.of(), problem);
        }

        /** The port id of the socket {@code key} ({@code port/protocol}), or {@code null}. */
        String portId(String key) {
            PlannedPort port = expected.get(key);
            return port != null ? port.id() : ids.get(key);
        }
    }

    public static HostReport of(List<HostSocket> sockets, List<HostEntry> berthEntries, References references) {
        Map<Long, Owner> owners = new HashMap<>();
        Map<Long, HostEntry> berthByPid = new HashMap<>();
        berthEntries.forEach(entry -> berthByPid.put(entry.pid(), entry));
        List<Row> rows = new ArrayList<>();
        Map<Long, List<HostSocket>> byPid = new LinkedHashMap<>();
        for (HostSocket socket : sockets) {
            if (socket.pid() == null) {
                rows.add(new Row(socket.port(), socket.protocol().wireName(), socket.address(), null, "unknown", null, null,
                        null, null, null, null));
                continue;
            }
            Owner owner = owners.computeIfAbsent(socket.pid(), pid -> owner(pid, socket.command(), berthByPid.get(pid), references));
            byPid.computeIfAbsent(socket.pid(), pid -> new ArrayList<>()).add(socket);
            String portId = owner.portId(socket.port() + "/" + socket.protocol().wireName());
            rows.add(new Row(socket.port(), socket.protocol().wireName(), socket.address(), socket.pid(), owner.owner(),
                    owner.home(), owner.product(), owner.offset(), portId,
                    portId == null ? drift(owner, socket) : null, socket.command()));
        }
        List<Row> missing = new ArrayList<>();
        byPid.forEach((pid, held) -> {
            Owner owner = owners.get(pid);
            owner.expected().forEach((key, port) -> {
                boolean listening = held.stream().anyMatch(socket -> key.equals(socket.port() + "/" + socket.protocol().wireName()));
                if (!listening) {
                    missing.add(new Row(port.effective(), key.substring(key.indexOf('/') + 1), null, pid, owner.owner(),
                            owner.home(), owner.product(), owner.offset(), port.id(), "its catalogue port is not listening", null));
                }
            });
        });
        return new HostReport(rows, missing);
    }

    private static Owner owner(long pid, String command, HostEntry berth, References references) {
        if (berth != null) {
            Map<String, String> ids = new HashMap<>();
            berth.ports().forEach(port -> ids.put(port.port() + "/" + port.protocol(), port.id()));
            return new Owner("berth", berth.home(), "Berth", berth.offset(), Map.of(), ids, null);
        }
        String line = command == null ? "" : command;
        Matcher berthHome = BERTH_HOME.matcher(line);
        if (berthHome.find()) {
            return berthOutsideRegistry(pid, berthHome.group(1));
        }
        Optional<String> home = find(CARBON_HOME, line).or(() -> find(LAUNCHER, line));
        if (home.isEmpty()) {
            return new Owner("process", null, null, null, Map.of(), null);
        }
        try {
            PortSettings settings = PortSettings.ofHome(Path.of(home.get()), null, references);
            PortPlan plan = settings.plan(settings.requestedOffset(null, find(PORT_OFFSET, line).orElse(null)),
                    new TakenPorts(), (port, protocol) -> true);
            Map<String, PlannedPort> expected = new LinkedHashMap<>();
            for (PlannedPort port : plan.enabledPorts()) {
                port.definition().protocols().forEach(protocol -> expected.put(port.effective() + "/" + protocol.wireName(), port));
            }
            return new Owner("wso2", home.get(), settings.product().describe(), plan.offset().value(), expected, null);
        } catch (ConfigException | PortSettingsException unreadable) {
            return new Owner("wso2", home.get(), null, null, Map.of(), "home not readable: " + unreadable.getMessage());
        }
    }

    /**
     * A Berth server that this host registry does not list: one registered in another registry (a test suite keeps its
     * own), or none. Its base's runtime file, when it names this very process, tells its offset and each port's id,
     * so it is attributed to its base; without one, that it is missing from the registry is the drift.
     */
    private static Owner berthOutsideRegistry(long pid, String home) {
        Optional<InstanceRecord> record = new RuntimeFile(Path.of(home)).read()
                .filter(running -> running.pid() == pid && running.ports() != null);
        if (record.isEmpty()) {
            return new Owner("berth", home, "Berth", null, Map.of(), "not in the host registry");
        }
        Map<String, String> ids = new HashMap<>();
        for (PortView port : record.get().ports().ports()) {
            if (port.enabled()) {
                for (String protocol : port.protocol().split("\\+")) {
                    ids.put(port.effective() + "/" + protocol, port.id());
                }
            }
        }
        return new Owner("berth", home, "Berth", record.get().ports().offset(), Map.of(), ids, null);
    }

    /** Why a socket of a known product is not one of its catalogue's ports. */
    private static String drift(Owner owner, HostSocket socket) {
        if (owner.problem() != null) {
            return owner.problem();
        }
        if (!owner.owner().equals("wso2")) {
            return null;
        }
        for (PlannedPort port : owner.expected().values()) {
            boolean member = port.definition().feature() == Feature.CLUSTERING;
            if (member && socket.port() > port.effective() && socket.port() <= port.effective() + AUTO_INCREMENT_RANGE) {
                return "not in its catalogue: Hazelcast moved the member port from " + port.effective() + " to " + socket.port()
                        + " (" + port.effective() + " was taken)";
            }
        }
        if (socket.command() != null && socket.command().contains("-Dcom.sun.management.jmxremote")) {
            return "not in its catalogue: a random port, likely the JVM's JMX agent (-Dcom.sun.management.jmxremote)";
        }
        return "not in its catalogue";
    }

    private static Optional<String> find(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1).replace("\"", "")) : Optional.empty();
    }

    public Table table() {
        Table table = new Table("PORT", "PROTOCOL", "ADDRESS", "PID", "OWNER", "PORT ID", "DRIFT");
        for (Row row : sockets) {
            table.row(row.port(), row.protocol(), row.address(), row.pid() == null ? "-" : row.pid(), ownerText(row),
                    row.portId() == null ? "-" : row.portId(), row.drift() == null ? "-" : row.drift());
        }
        for (Row row : missing) {
            table.row(row.port(), row.protocol(), "-", row.pid(), ownerText(row), row.portId(), row.drift());
        }
        return table;
    }

    private static String ownerText(Row row) {
        return switch (row.owner()) {
            case "berth" -> "Berth " + row.home() + (row.offset() == null ? "" : " at offset " + row.offset());
            case "wso2" -> (row.product() == null ? "WSO2 home" : row.product()) + " " + row.home()
                    + (row.offset() == null ? "" : " at offset " + row.offset());
            case "process" -> shorten(row.command());
            default -> "a process the OS does not name";
        };
    }

    private static String shorten(String command) {
        return command == null ? "-" : command.length() > 60 ? command.substring(0, 57) + "..." : command;
    }
}
