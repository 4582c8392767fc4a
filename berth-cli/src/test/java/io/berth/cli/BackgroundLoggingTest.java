package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which configurations a start reads with log4j's properties factory directly, and which it leaves to log4j's
 * own choice of factory. The direct read is what the launcher always names; choosing wrongly would read an XML
 * file as properties, or ignore a list, a lookup or a factory the user chose.
 */
class BackgroundLoggingTest {

    @TempDir
    Path dir;

    @Test
    void oneExistingPropertiesFileIsReadDirectlyByPathOrFileUri() throws IOException {
        Path file = Files.writeString(dir.resolve("log4j2.properties"), "status = warn\n");

        assertEquals(Optional.of(file), BackgroundLogging.propertiesFile(file.toString(), false));
        assertEquals(Optional.of(file), BackgroundLogging.propertiesFile(file.toUri().toString(), false));
    }

    @Test
    void everythingElseIsLeftToLog4j() throws IOException {
        // Each location names files that exist, so that only the rule it is about can turn it down.
        Path properties = Files.writeString(dir.resolve("log4j2.properties"), "status = warn\n");
        Path other = Files.writeString(dir.resolve("other.properties"), "status = warn\n");
        Path xml = Files.writeString(dir.resolve("log4j2.xml"), "<Configuration/>\n");
        Path upperCase = Files.writeString(dir.resolve("LOG4J2.PROPERTIES"), "status = warn\n");
        Path lookup = Files.createDirectories(dir.resolve("${sys:conf}")).resolve("log4j2.properties");
        Files.writeString(lookup, "status = warn\n");

        assertEquals(Optional.empty(), BackgroundLogging.propertiesFile(null, false), "no location: log4j looks on the class path");
        assertEquals(Optional.empty(), BackgroundLogging.propertiesFile(xml.toString(), false), "another format");
        assertEquals(Optional.empty(), BackgroundLogging.propertiesFile(upperCase.toString(), false),
                "log4j matches the extension as written, so .PROPERTIES is not its properties factory's");
        assertEquals(Optional.empty(), BackgroundLogging.propertiesFile(properties + "," + other, false), "a composite of two");
        assertEquals(Optional.empty(), BackgroundLogging.propertiesFile(lookup.toString(), false), "a lookup for log4j to resolve");
        assertEquals(Optional.empty(), BackgroundLogging.propertiesFile(dir.resolve("missing.properties").toString(), false),
                "a missing file: log4j reports it as it always has");
        assertEquals(Optional.empty(), BackgroundLogging.propertiesFile(properties.toString(), true), "a factory the user chose");
    }
}
