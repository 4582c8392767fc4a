package io.berth.server.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import io.berth.server.report.Json;
import io.berth.server.report.JsonWritable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One Berth instance in the host registry: written when a start reserves its ports, kept while it
 * runs, removed when it stops.
 *
 * @param pid          the instance's process
 * @param processStart when that process started (epoch millis), so a reused pid is not mistaken for it
 * @param state        {@code starting} while it binds, then {@code running}, {@code stopping}
 * @param auto         whether {@code auto} picked the offset
 * @param consoleUrl   {@code null} until the instance runs
 * @param ports        every enabled port, each protocol on its own
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostEntry(long pid, long processStart, String home, int offset, boolean auto, String state,
        String consoleUrl, List<HostPort> ports) implements JsonWritable {

    /** A port an entry holds or has reserved. */
    public record HostPort(String id, int port, String protocol) implements JsonWritable {

        @Override
        public void writeJson(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("id", id);
            out.writeNumberField("port", port);
            out.writeStringField("protocol", protocol);
            out.writeEndObject();
        }
    }

    public HostEntry {
        ports = List.copyOf(ports);
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("pid", pid);
        out.writeNumberField("processStart", processStart);
        Json.optional(out, "home", home);
        out.writeNumberField("offset", offset);
        out.writeBooleanField("auto", auto);
        Json.optional(out, "state", state);
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
     * @throws IOException when the text is not such an entry (not JSON, or its ports missing)
     */
    public static HostEntry parse(String json) throws IOException {
        try (JsonParser in = Json.factory().createParser(json)) {
            expect(in.nextToken(), JsonToken.START_OBJECT);
            long pid = 0;
            long processStart = 0;
            String home = null;
            int offset = 0;
            boolean auto = false;
            String state = null;
            String consoleUrl = null;
            List<HostPort> ports = null;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                switch (field) {
                    case "pid" -> pid = in.getLongValue();
                    case "processStart" -> processStart = in.getLongValue();
                    case "home" -> home = in.getValueAsString();
                    case "offset" -> offset = in.getIntValue();
                    case "auto" -> auto = in.getBooleanValue();
                    case "state" -> state = in.getValueAsString();
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
            return new HostEntry(pid, processStart, home, offset, auto, state, consoleUrl, ports);
        }
    }

    private static HostPort parsePort(JsonParser in) throws IOException {
        String id = null;
        int port = 0;
        String protocol = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "id" -> id = in.getValueAsString();
                case "port" -> port = in.getIntValue();
                case "protocol" -> protocol = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return new HostPort(id, port, protocol);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    public static HostEntry of(long pid, long processStart, String home, PortPlan plan, String state) {
        List<HostPort> ports = new ArrayList<>();
        for (PlannedPort port : plan.enabledPorts()) {
            for (Protocol protocol : port.definition().protocols()) {
                ports.add(new HostPort(port.id(), port.effective(), protocol.wireName()));
            }
        }
        return new HostEntry(pid, processStart, home, plan.offset().value(), plan.offset().auto(), state, null, ports);
    }

    public HostEntry with(String newState, String newConsoleUrl) {
        return new HostEntry(pid, processStart, home, offset, auto, newState, newConsoleUrl, ports);
    }

    public boolean holds(int port, Protocol protocol) {
        return ports.stream().anyMatch(held -> held.port() == port && held.protocol().equals(protocol.wireName()));
    }

    /** {@code Berth instance /opt/berth at offset 3 (pid 1234)}, as every message names a Berth holder. */
    public String describe() {
        return "Berth instance " + home + " at offset " + offset + " (pid " + pid + (state.equals("running") ? "" : ", " + state) + ")";
    }
}
