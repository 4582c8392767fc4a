package io.berth.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.berth.server.host.HostEntry;
import io.berth.server.host.InstanceState;
import io.berth.server.lifecycle.InstanceRecord;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records a start writes are streamed (no databinding on the start path), but their files and
 * API bodies are read by other tools and older Berths: the text must stay exactly what Jackson's
 * databinding wrote for them, indented and compact, with and without the fields that may be null.
 */
class JsonTest {

    private static final PortView SERVED = new PortView("https", 9443, 9443, 9446, "tcp", true, "+offset", null, true,
            "common", "HTTPS servlet transport", "https://example.org/ports", true, "127.0.0.1:9446", "localhost:9446");
    private static final PortView FIXED = new PortView("cluster-multicast", 45564, 45564, 45564, "udp", false,
            "fixed", "a multicast group port is shared by every member", false, "cluster", "Cluster \"membership\"\n", null, null,
            null, null);
    private static final PortReport PLANNED = new PortReport(3, "system property portOffset", false, List.of(SERVED, FIXED), null,
            new ProductView("wso2is-7", "WSO2 Identity Server 7.x", null, "stated by --product is"));
    private static final PortReport RUNNING = new PortReport(0, "auto", true, List.of(SERVED),
            List.of(new RandomListener("udp", "0.0.0.0", 41234), new RandomListener("tcp", null, 1)), null);
    private static final ClusterReport CLUSTER = new ClusterReport("wka", "berth", "up", 2, List.of(
            new ClusterReport.Member("localhost", "/opt/b", 1, Json.tree("{\"offset\":1,\"ports\":[{\"id\":\"https\",\"n\":[1,2]}]}")),
            new ClusterReport.Member("h2", null, 2, null)), "alone", List.of("h3:4002"),
            List.of(new ClusterReport.Rejected("h4:4003", "the signature does not verify")));

    private static final List<Object> RECORDS = List.of(SERVED, FIXED, PLANNED, RUNNING, CLUSTER,
            new InstanceRecord(42, "/opt/berth", InstanceState.RUNNING, "2026-11-30T08:00:00Z", "https://localhost:9443/console",
                    "service:jmx:rmi://localhost:9999/jndi/rmi://localhost:11111/jmxrmi", "/opt/berth/repository/security/jmx.password",
                    RUNNING, CLUSTER, "2026-11-30T07:59:58Z"),
            new InstanceRecord(43, "/opt/berth", InstanceState.STARTING, "2026-11-30T08:00:00Z", null, null, null, PLANNED, null, null),
            new ClusterReport("multicast", null, "down", 0, List.of(), null, null, List.of()),
            new HostEntry(7, 1_700_000_000_000L, "7.1700000000000.0", "/opt/berth", 5, true, InstanceState.STARTING, null,
                    List.of(new HostEntry.HostPort("kdc", 8005, "tcp", "127.0.0.1"), new HostEntry.HostPort("kdc", 8005, "udp", "::1"))),
            new HostEntry(8, 0, null, "/b", 0, false, InstanceState.RUNNING, "https://localhost:9443/console", List.of()),
            new io.berth.server.http.Health("UP", InstanceState.RUNNING, null),
            new io.berth.server.http.Health("DEGRADED", InstanceState.RUNNING, "none of its members [h2:4000] found; this member runs alone"));

    @Test
    void streamsTheTextDatabindingWrote() throws IOException {
        for (Object record : RECORDS) {
            assertEquals(Json.mapper().writeValueAsString(record), Json.write(record), "indented " + record);
            assertEquals(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(record),
                    Json.compact(record), "compact " + record);
        }
    }

    /**
     * Every component of every streamed record, filled: a component added to a record but not to its
     * writer would be dropped from the file without this.
     */
    @Test
    void streamsEveryComponentOfEveryRecord() throws Exception {
        for (Class<?> type : List.of(PortView.class, PortReport.class, RandomListener.class, ClusterReport.class,
                ClusterReport.Member.class, ClusterReport.Rejected.class, InstanceRecord.class, HostEntry.class, HostEntry.HostPort.class,
                io.berth.server.http.Health.class)) {
            Object filled = filled(type);
            assertEquals(Json.mapper().writeValueAsString(filled), Json.write(filled), type.getSimpleName());
            for (RecordComponent component : type.getRecordComponents()) {
                String name = component.getName().equals("defaultPort") ? "default" : component.getName();
                assertTrue(Json.write(filled).contains("\"" + name + "\""), type.getSimpleName() + " lacks " + name);
            }
        }
    }

    /** An instance of the record {@code type} with every component set: strings, numbers, true, one-element lists. */
    private static Object filled(Type type) throws Exception {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return List.of(filled(list.getActualTypeArguments()[0]));
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return "text";
        } else if (raw == int.class || raw == Integer.class) {
            return 7;
        } else if (raw == long.class || raw == Long.class) {
            return 8L;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return true;
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[1];
        } else if (raw == JsonNode.class) {
            return Json.tree("{\"offset\":1,\"ports\":[]}");
        }
        RecordComponent[] components = raw.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = filled(components[i].getGenericType());
        }
        Constructor<?> canonical = raw.getDeclaredConstructor(
                java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        return canonical.newInstance(values);
    }

    @Test
    void hostEntriesReadBackAsWritten() throws IOException {
        for (Object record : RECORDS) {
            if (record instanceof HostEntry entry) {
                assertEquals(entry, HostEntry.parse(Json.write(entry)));
                assertEquals(entry, HostEntry.parse(Json.compact(entry)));
                assertEquals(entry, Json.mapper().readValue(Json.write(entry), HostEntry.class), "databinding reads it too");
            }
        }
    }

    @Test
    void hostEntryReaderSkipsFieldsItDoesNotKnow() throws IOException {
        String newer = "{\"pid\":9,\"lease\":{\"until\":[1,{\"x\":null}]},\"processStart\":1,\"home\":\"/h\",\"offset\":2,"
                + "\"auto\":false,\"state\":\"running\",\"ports\":[{\"id\":\"http\",\"port\":9765,\"extra\":true,\"protocol\":\"tcp\"}]}";
        assertEquals(new HostEntry(9, 1, null, "/h", 2, false, InstanceState.RUNNING, null,
                List.of(new HostEntry.HostPort("http", 9765, "tcp", null))),
                HostEntry.parse(newer));
    }

    @Test
    void whatIsNotAnEntryIsRefused() {
        for (String notAnEntry : List.of("", "[]", "{\"pid\":1}", "{\"pid\":\"x\",\"ports\":[]}", "{\"ports\":[", "not json")) {
            assertThrows(IOException.class, () -> HostEntry.parse(notAnEntry), notAnEntry);
        }
    }
}
