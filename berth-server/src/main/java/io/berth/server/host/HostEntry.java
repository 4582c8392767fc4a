package io.berth.server.host;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import io.berth.ports.SocketBindings;
import io.berth.server.report.Json;
import io.berth.server.report.JsonWritable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Berth instance of this user in the host registry: written when a start reserves its ports, kept while it
 * runs, removed when it stops. The ports themselves are claimed host-wide ({@link HostClaims}); the entry adds
 * what only its own user should read: the home, the offset, the state and the console URL.
 *
 * @param pid          the instance's process
 * @param processStart when that process started (epoch millis), so a reused pid is not mistaken for it
 * @param reservation  the name of its claims, {@code <pid>.<start>.<n>}
 * @param state        starting while it binds, then running, stopping
 * @param auto         whether {@code auto} picked the offset
 * @param consoleUrl   {@code null} until the instance runs
 * @param ports        every enabled port, each protocol on its own, with the address it binds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostEntry(long pid, long processStart, String reservation, String home, int offset, boolean auto,
        InstanceState state, String consoleUrl, List<HostPort> ports) implements JsonWritable {

    /**
     * A socket an entry holds or has reserved.
     *
     * @param address the numeric bind address ({@code 127.0.0.1}, {@code 0.0.0.0})
     */
    public record HostPort(String id, int port, String protocol, String address) implements JsonWritable {

        public SocketKey socket() {
            return new SocketKey(Protocol.valueOf(protocol.toUpperCase(Locale.ROOT)), port, address);
        }

        @Override
        public void writeJson(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("id", id);
            out.writeNumberField("port", port);
            out.writeStringField("protocol", protocol);
            out.writeStringField("address", address);
            out.writeEndObject();
        }
    }

    public HostEntry {
        ports = List.copyOf(ports);
    }

    /**
     * Every enabled port of {@code plan}, each protocol on each address its binding names a socket of its own.
     *
     * @param bindings where each port id binds
     */
    public static List<HostPort> ports(PortPlan plan, SocketBindings bindings) {
        List<HostPort> ports = new ArrayList<>();
        for (PlannedPort port : plan.enabledPorts()) {
            for (InetAddress address : bindings.of(port.id()).bind().addresses()) {
                for (Protocol protocol : port.definition().protocols()) {
                    ports.add(new HostPort(port.id(), port.effective(), protocol.wireName(), address.getHostAddress()));
                }
            }
        }
        return ports;
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("pid", pid);
        out.writeNumberField("processStart", processStart);
        Json.optional(out, "reservation", reservation);
        Json.optional(out, "home", home);
        out.writeNumberField("offset", offset);
        out.writeBooleanField("auto", auto);
        Json.optional(out, "state", state == null ? null : state.wireName());
        Json.optional(out, "consoleUrl", consoleUrl);
        out.writeArrayFieldStart("ports");
        for (HostPort port : ports) {
            port.writeJson(out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /**
     * Reads an entry as {@link #writeJson} writes it, with jackson-core's streaming parser (a start reads
     * every other instance's entry); unknown fields are skipped, as a newer Berth may add some.
     *
     * @throws IOException when the text is not such an entry (not JSON, its ports missing, an unknown state)
     */
    public static HostEntry parse(String json) throws IOException {
        try (JsonParser in = Json.factory().createParser(json)) {
            expect(in.nextToken(), JsonToken.START_OBJECT);
            long pid = 0;
            long processStart = 0;
            String reservation = null;
            String home = null;
            int offset = 0;
            boolean auto = false;
            InstanceState state = null;
            String consoleUrl = null;
            List<HostPort> ports = null;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                switch (field) {
                    case "pid" -> pid = in.getLongValue();
                    case "processStart" -> processStart = in.getLongValue();
                    case "reservation" -> reservation = in.getValueAsString();
                    case "home" -> home = in.getValueAsString();
                    case "offset" -> offset = in.getIntValue();
                    case "auto" -> auto = in.getBooleanValue();
                    case "state" -> state = parseState(in.getValueAsString());
                    case "consoleUrl" -> consoleUrl = in.getValueAsString();
                    case "ports" -> {
                        expect(value, JsonToken.START_ARRAY);
                        ports = new ArrayList<>();
                        while (in.nextToken() == JsonToken.START_OBJECT) {
                            ports.add(parsePort(in));
                        }
                    }
                    default -> in.skipChildren();
                }
            }
            if (ports == null) {
                throw new IOException("no ports in the entry");
            }
            return new HostEntry(pid, processStart, reservation, home, offset, auto, state, consoleUrl, ports);
        }
    }

    private static InstanceState parseState(String wireName) throws IOException {
        if (wireName == null) {
            return null;
        }
        try {
            return InstanceState.parse(wireName);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static HostPort parsePort(JsonParser in) throws IOException {
        String id = null;
        int port = 0;
        String protocol = null;
        String address = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "id" -> id = in.getValueAsString();
                case "port" -> port = in.getIntValue();
                case "protocol" -> protocol = in.getValueAsString();
                case "address" -> address = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return new HostPort(id, port, protocol, address);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    public HostEntry with(InstanceState newState, String newConsoleUrl) {
        return new HostEntry(pid, processStart, reservation, home, offset, auto, newState, newConsoleUrl, ports);
    }

    /** The entry's port whose socket overlaps {@code socket}, if any. */
    public java.util.Optional<HostPort> overlapping(SocketKey socket) {
        return ports.stream().filter(held -> held.socket().overlaps(socket)).findFirst();
    }

    /** Whether this entry's process still runs: same pid, same start. Not part of the entry's JSON. */
    @JsonIgnore
    public boolean isLive() {
        return new ProcessIdentity(pid, processStart).isAlive();
    }

    /** {@code Berth instance /opt/berth at offset 3 (pid 1234)}, as every message names a Berth holder. */
    public String describe() {
        return "Berth instance " + home + " at offset " + offset + " (pid " + pid + (state == InstanceState.RUNNING ? "" : ", " + state) + ")";
    }
}
