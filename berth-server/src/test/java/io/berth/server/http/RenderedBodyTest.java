package io.berth.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.server.host.InstanceState;
import io.berth.server.lifecycle.InstanceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedBodyTest {

    private final AtomicInteger renders = new AtomicInteger();
    private final RenderedBody body = new RenderedBody(record -> {
        renders.incrementAndGet();
        return "state=" + record.state();
    });

    @Test
    void rendersOncePerRecordAndAgainWhenTheRecordChanges() {
        InstanceRecord starting = record("starting");
        assertEquals("state=starting", text(body.of(starting)));
        assertEquals("state=starting", text(body.of(starting)));
        assertEquals(1, renders.get());

        assertEquals("state=running", text(body.of(record("running"))));
        assertEquals(2, renders.get());
    }

    @Test
    void aRecordEqualToTheLastButNewIsRenderedAgain() {
        body.of(record("running"));
        body.of(record("running"));
        assertEquals(2, renders.get(), "only the very same record is known not to have changed");
    }

    @Test
    void eachCallerReadsTheWholeBodyWhateverOthersHaveRead() {
        InstanceRecord running = record("running");
        ByteBuffer first = body.of(running);
        first.get(new byte[first.remaining()]);
        assertEquals("state=running", text(body.of(running)));
    }

    private static InstanceRecord record(String state) {
        return new InstanceRecord(1, "/home", InstanceState.parse(state), "2026-01-01T00:00:00Z", "https://localhost:9443/console", null, null, null, null, null);
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
