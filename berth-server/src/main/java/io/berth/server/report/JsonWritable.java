package io.berth.server.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A value that writes itself as JSON with jackson-core's streaming generator, field by field in its
 * declaration order, leaving out fields that are {@code null} where the type says so: the same text
 * Jackson's databinding wrote for it, without the ~500 classes and the reflection databinding costs a
 * start (the runtime file and the host registry entry are written on the start path). {@link Json}
 * writes every such value, indented or compact.
 */
public interface JsonWritable {

    /** Writes this value as one JSON value (an object) to {@code out}. */
    void writeJson(JsonGenerator out) throws IOException;
}
