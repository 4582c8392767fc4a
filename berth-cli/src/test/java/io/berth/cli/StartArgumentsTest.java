package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A start read without picocli must mean what picocli would have read, and everything else must be
 * left to picocli, so its messages and exit codes stay the only ones.
 */
class StartArgumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "--port-offset 3", "--offset auto", "--offset=7", "--config conf/x.toml",
            "--config=/tmp/a=b.toml --port-offset=auto", "--port-offset 2 --config c.toml"})
    void readsWhatPicocliReadsTheSameWay(String options) {
        String[] command = Main.withDefaultCommand(split(options));
        Optional<StartArguments> lean = StartArguments.parse(command);
        assertTrue(lean.isPresent(), "read without picocli: " + options);

        StartCommand viaPicocli = (StartCommand) BerthCommandLine.commandLine().parseArgs(command).subcommand().commandSpec().userObject();
        TargetOptions expected = viaPicocli.target;
        TargetOptions actual = lean.get().options();
        assertEquals(expected.config, actual.config, "--config of " + options);
        assertEquals(expected.offset, actual.offset, "--offset of " + options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ports", "status", "start --help", "--help", "-h", "start --offset", "start --offset -1",
            "start --port-offset=-1", "start --offset=", "start --offset 1 --port-offset 2", "start --config a --config b",
            "start extra", "start --unknown 3", "start -- --offset 3", "start --config"})
    void leavesEverythingElseToPicocli(String command) {
        assertEquals(Optional.empty(), StartArguments.parse(Main.withDefaultCommand(split(command))), command);
    }

    @Test
    void theDefaultCommandIsAStart() {
        assertEquals(Optional.of(new StartArguments(null, "3", "--port-offset")),
                StartArguments.parse(Main.withDefaultCommand(new String[] {"--port-offset", "3"})));
        assertEquals(Optional.of(new StartArguments(Path.of("x.toml"), null, null)),
                StartArguments.parse(new String[] {"start", "--config", "x.toml"}));
    }

    private static String[] split(String options) {
        return options.isEmpty() ? new String[0] : options.split(" ");
    }
}
