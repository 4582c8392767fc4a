package io.berth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** What one run of a command printed and how it exited. */
record CommandResult(int exitCode, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Standard output parsed as JSON, for {@code --format json}. */
    JsonNode json() throws IOException {
        return JSON.readTree(out);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
