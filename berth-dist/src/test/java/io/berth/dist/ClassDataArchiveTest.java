package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/berth.sh cds}: a training start records the classes a start loads into the home's
 * class-data archive, and later starts of that home map them from it; a stale or foreign archive is
 * passed over without a word. Without {@code cds}, a start that finds no current archive records one
 * as it runs (bin/class-data.sh; the other process tests turn that off).
 */
class ClassDataArchiveTest {

    /** A class only a start loads, and how the JVM's class+load log names an archived one. */
    private static final String FROM_ARCHIVE = "io.berth.server.lifecycle.Instance source: shared objects file (top)";
    private static final String FROM_JAR = "io.berth.server.lifecycle.Instance source: file:";

    @TempDir
    Path dir;

    @Test
    void aStartAfterCdsMapsItsClassesFromTheArchive() throws Exception {
        TestHome home = homeWithArchive("trained");

        String loaded = classesLoadedByAStart(home, "archived");
        assertTrue(loaded.contains(FROM_ARCHIVE), "Instance was not loaded from the archive");
    }

    /**
     * What the archive cannot hold costs every start: a class from a signed jar (the JVM will not archive it and
     * reads the jar's whole manifest), a class the training start loaded but never linked (picocli's
     * CommandLine, once named by the main class's method signatures), a jar opened for one class.
     */
    @Test
    void aStartWithACurrentArchiveReadsNoClassFromAJar() throws Exception {
        TestHome home = homeWithArchive("no-jar-reads");
        classesLoadedByAStart(home, "first");   // makes the install's key pair, as the training start did its own

        String loaded = classesLoadedByAStart(home, "second");
        List<String> fromJars = loaded.lines().filter(line -> line.contains(" source: file:"))
                .map(line -> line.substring(line.indexOf("] ") + 2, line.indexOf(" source: "))).toList();
        // log4j-core asks whether its asynchronous context could be used; that class links against the LMAX
        // Disruptor, which Berth does not ship, so no archive can hold it.
        assertEquals(List.of("org.apache.logging.log4j.core.async.AsyncLoggerContext"), fromJars,
                "classes a start read from jars although the archive is current");
    }

    @Test
    void aJarNewerThanTheArchiveMakesStartsPassItOver() throws Exception {
        TestHome home = homeWithArchive("stale");
        Path jar;
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            jar = jars.filter(file -> file.getFileName().toString().startsWith("berth-server")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        String loaded = classesLoadedByAStart(home, "stale");
        assertTrue(loaded.contains(FROM_JAR), "Instance should come from its jar");
        assertFalse(loaded.contains(FROM_ARCHIVE));
    }

    @Test
    void aHomeMovedWithItsArchiveStartsWithoutItAndWithoutAWarning() throws Exception {
        TestHome trained = homeWithArchive("before-move");
        TestHome moved = TestHome.fullCopyOf(trained, dir.resolve("moved"));
        assertTrue(Files.exists(moved.resolve("lib/berth.jsa")));

        String loaded = classesLoadedByAStart(moved, "moved");
        assertFalse(loaded.contains(FROM_ARCHIVE), "an archive records its jars' paths; a moved home cannot use it");
    }

    @Test
    void aStartWithoutAnArchiveRecordsOneOnItsWayOutAndTheNextStartMapsIt() throws Exception {
        TestHome home = TestHome.fullCopyOf(TestHome.distribution(), dir.resolve("recording"));
        Path archive = home.resolve("lib/berth.jsa");
        Files.deleteIfExists(archive);
        try (TestServer server = TestServer.start(home.environment("BERTH_CLASS_DATA", "auto"))) {
            assertFalse(Files.exists(archive), "the archive is put in place only once the JVM has written it");
            int exit = server.stop();   // SIGTERM to bin/berth.sh, which passes it on to the JVM
            assertTrue(List.of(0, 143).contains(exit), "exit " + exit + server.output());
            assertTrue(Files.size(archive) > 0, "no archive recorded:\n" + server.output());
        }
        assertNoHalfWrittenArchive(home.path());

        String loaded = classesLoadedByAStart(home, "recorded");
        assertTrue(loaded.contains(FROM_ARCHIVE), "Instance was not loaded from the recorded archive");
    }

    @Test
    void aStartThatFailsRecordsNoArchive() throws Exception {
        TestHome home = TestHome.fullCopyOf(TestHome.distribution(), dir.resolve("failing"));
        Files.deleteIfExists(home.resolve("lib/berth.jsa"));
        try (TestServer server = TestServer.launch(home.environment("BERTH_CLASS_DATA", "auto"), "-DportOffset=abc")) {
            assertEquals(2, server.awaitExit(), server.output());
        }
        assertFalse(Files.exists(home.resolve("lib/berth.jsa")), "a failed start loaded too little to keep");
        assertNoHalfWrittenArchive(home.path());
    }

    private static void assertNoHalfWrittenArchive(Path home) throws IOException {
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertEquals(List.of(), lib.filter(file -> file.toString().endsWith(".tmp")).toList(), "a half-written archive was left");
        }
    }

    /** A copy of the packaged home, with the archive `berth.sh cds` made for it. */
    private TestHome homeWithArchive(String name) throws IOException, InterruptedException {
        // Its own jars: the archive is written into lib/, and one test makes a jar newer.
        TestHome home = TestHome.fullCopyOf(TestHome.distribution(), dir.resolve(name));
        // A developer's build may carry an archive made for its own path: this home makes its own.
        Files.deleteIfExists(home.resolve("lib/berth.jsa"));
        CommandResult cds = home.berth("cds");
        assertEquals(0, cds.exitCode(), cds.toString());
        Path archive = home.resolve("lib/berth.jsa");
        assertTrue(Files.size(archive) > 0, cds.toString());
        assertTrue(cds.out().contains("class-data archive " + archive), cds.toString());
        assertNoHalfWrittenArchive(home.path());
        // The training start ran in a scratch home: this one has none of an install's state yet.
        assertFalse(Files.exists(home.resolve("repository/security/berth.p12")), "the training start used the home itself");
        return home;
    }

    /**
     * Starts the home at an auto offset with the JVM's class+load log on, stops it, and returns the log;
     * the start prints no warning and does not mention the archive.
     */
    private String classesLoadedByAStart(TestHome home, String name) throws Exception {
        Path log = dir.resolve(name + "-classes.txt");
        String output;
        try (TestServer server = TestServer.start(home.javaOptions(TestHome.JAVA_OPTS + " -Xlog:class+load:file=" + log))) {
            server.stop();
            output = server.output();
        }
        assertFalse(output.contains("[warning]"), output);
        assertFalse(output.contains("cds"), output);
        return Files.readString(log);
    }
}
