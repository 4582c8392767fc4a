package io.berth.server.http;

import io.berth.server.lifecycle.InstanceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A response body rendered from the instance record once, and served again for as long as the record is
 * the same one. The instance hands out one record per second at most, while a console or a monitoring
 * script may ask many times a second: rendering JSON or HTML on each request cost two thirds of the
 * throughput (bench/RESULTS.md).
 */
final class RenderedBody {

    private record Rendered(InstanceRecord source, ByteBuffer body) {
    }

    private final Function<InstanceRecord, String> render;
    private volatile Rendered last;

    RenderedBody(Function<InstanceRecord, String> render) {
        this.render = render;
    }

    /** The body for this record: a buffer of its own for each caller, over bytes shared by all. */
    ByteBuffer of(InstanceRecord record) {
        Rendered rendered = last;
        // Identity, not equals: the instance reuses the very record until something may have changed.
        if (rendered == null || rendered.source() != record) {
            byte[] bytes = render.apply(record).getBytes(StandardCharsets.UTF_8);
            rendered = new Rendered(record, ByteBuffer.wrap(bytes).asReadOnlyBuffer());
            last = rendered;
        }
        return rendered.body().slice();
    }
}
