package io.berth.server.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one JSON writer of the project, so every view writes JSON the same way. The project's own
 * records ({@link JsonWritable}) are written with jackson-core's streaming generator, which is all a
 * start needs; anything else (maps, JSON trees, reading) goes through the databinding mapper, made on
 * first use, with the same pretty printer, so both write the same text.
 */
public final class Json {

    /** jackson-core alone: its generators and parsers, no databinding. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** The databinding mapper, made on first use: nothing on the start path asks for it. */
    private static final class Databind {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        static final ObjectWriter INDENTED = MAPPER.writer();
        /** The HTTP API's writer: the same JSON without the indentation meant for people, a quarter fewer bytes. */
        static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    public static ObjectMapper mapper() {
        return Databind.MAPPER;
    }

    /** The streaming factory, for readers of this project's own files (e.g. the host registry's entries). */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /** Indented JSON, for files and the CLI, where people read it. */
    public static String write(Object value) {
        return value instanceof JsonWritable writable ? stream(writable, true) : bind(Databind.INDENTED, value);
    }

    /** JSON on one line, for the HTTP API, where programs read it and every request carries it. */
    public static String compact(Object value) {
        return value instanceof JsonWritable writable ? stream(writable, false) : bind(Databind.COMPACT, value);
    }

    private static String stream(JsonWritable value, boolean indented) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            if (indented) {
                out.useDefaultPrettyPrinter();   // the printer databinding's INDENT_OUTPUT uses
            }
            value.writeJson(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON of " + value.getClass().getSimpleName(), e);
        }
        return text.toString();
    }

    private static String bind(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of " + value.getClass().getSimpleName(), e);
        }
    }

    /** Writes {@code name: value}, or nothing when {@code value} is {@code null} (databinding's {@code NON_NULL}). */
    public static void optional(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    /** Writes the tree as databinding would, within a value being streamed (a cluster member's port table). */
    static void tree(JsonGenerator out, JsonNode tree) throws IOException {
        Databind.MAPPER.writeTree(out, tree);
    }

    /** Parses JSON this project wrote; malformed input is a programming error. */
    public static JsonNode tree(String json) {
        try {
            return Databind.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
