package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start's log lines follow the log4j2 configuration the home brings ({@code conf/log4j2.properties}, the file
 * WSO2 products ship), which the launcher names and a start reads with log4j's properties factory directly
 * (which configurations are read that way: {@code BackgroundLoggingTest}).
 */
class LoggingConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void theHomesLog4j2PropertiesShapesEveryLineFromStartToStopAndNoDatabindingIsLoadedForIt() throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "properties");
        Files.writeString(home.resolve("conf/log4j2.properties"), """
                status = warn
                appender.console.type = Console
                appender.console.name = Console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = PROPERTIES|%p|%c{1}|%m%n
                logger.keys.name = io.berth.server.security.KeyStores
                logger.keys.level = warn
                rootLogger.level = info
                rootLogger.appenderRef.console.ref = Console
                """);
        Path classes = dir.resolve("classes.txt");
        String output;
        try (TestServer server = TestServer.start(home.javaOptions(TestHome.JAVA_OPTS + " -Xlog:class+load:file=" + classes))) {
            assertEquals(0, server.stop(), server.output());
            output = server.output();
        }
        assertTrue(output.contains("PROPERTIES|INFO|Instance|Berth in " + home.path()), output);
        // The home's levels hold from the first lines: this first start generates its key pair (KeyStores, turned
        // down to WARN here) and its JMX credentials (JmxCredentials, INFO like the root) one after the other.
        assertTrue(output.contains("PROPERTIES|INFO|JmxCredentials|Generated this install's JMX credentials"), output);
        assertFalse(output.contains("KeyStores"), output);
        // This configuration, like WSO2's, does not say "shutdownHook = disable": the instance's last line is still
        // written, because only the start's own shutdown hook stops logging, after the instance has stopped. (With
        // log4j's hook as well, the two raced, and this failed only now and then.)
        assertTrue(output.contains("PROPERTIES|INFO|Instance|Berth stopped; every port released"), output);
        // log4j's JSON and YAML configuration factories, made when log4j chooses a factory itself, each initialize
        // Jackson's databinding to see whether it is there: 98 classes a start has no use for.
        List<String> databinding = Files.readAllLines(classes).stream()
                .filter(line -> line.contains("com.fasterxml.jackson.databind.ObjectMapper ")).toList();
        assertEquals(List.of(), databinding, "a start initialized Jackson's databinding");
    }
}
