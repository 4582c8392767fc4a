package io.berth.cli;

import io.berth.ports.RequestedOffset;
import io.berth.server.Assembly;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.PortSettings;
import io.berth.server.host.PortReservedException;
import io.berth.server.host.Reservation;
import io.berth.server.lifecycle.AlreadyRunningException;
import io.berth.server.lifecycle.EndpointStartTimeoutException;
import io.berth.server.lifecycle.Instance;
import io.berth.server.lifecycle.PortTakenException;
import io.berth.server.security.ServerIdentity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "start",
        header = "Start an instance; SIGTERM (exit 0 once it runs) or Ctrl-C stops it and releases every port.",
        description = {"berth alone, and berth start run by the java command, run the server in the foreground.",
                "bin/berth.sh start (or --start) starts it in the background, logging to <base>/logs/, and returns once"
                        + " it runs (exit 0) or has failed (its one-line reason, non-zero), as wso2server.sh start but waiting.",
                "The offset comes from --port-offset, else -DportOffset, else [server] offset, else 0; auto picks the"
                        + " lowest offset at which every port is free on this host."})
final class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() throws Exception {
        return start(target, spec.commandLine().getErr());
    }

    /** How many times a start at {@code auto} is made when a neighbour takes a port between the pick and the bind. */
    static final int AUTO_ATTEMPTS = 3;

    /**
     * Runs a start on the calling thread until it stops, whether picocli or {@link Main} (for
     * {@link StartArguments}) called it; failures print their line to {@code err}.
     */
    static int start(TargetOptions target, PrintWriter err) throws Exception {
        // Logging first: its set-up is the longest part of a start, and nothing else waits for it until the key store.
        BackgroundLogging logging = BackgroundLogging.begin();
        CleanStop.onSigterm();
        // A start that ran stops logging in its shutdown hook, after the instance's last line; one that failed, here.
        try {
            int exit = run(target, err, logging);
            if (exit != ExitCodes.OK) {
                logging.stop();
            }
            return exit;
        } catch (Exception | Error failed) {
            logging.stop();
            throw failed;
        }
    }

    private static int run(TargetOptions target, PrintWriter err, BackgroundLogging logging) throws Exception {
        PortSettings settings = target.settings(err);
        DeploymentConfig config = TargetOptions.berthConfig(settings);
        Path home = BerthHome.current();
        RequestedOffset requested = target.requestedOffset(settings);
        Instance running;
        for (int attempt = 1; ; attempt++) {
            // The host registry picks (for auto) and claims the ports first; the instance owns the claim from
            // then on, so parallel starts never pick the same ports and a stop always releases them.
            Reservation reservation;
            try {
                reservation = Assembly.reserve(home, config, requested);
            } catch (PortReservedException refused) {
                err.println("berth: " + refused.getMessage());
                return ExitCodes.FAILURE;
            }
            Instance instance;
            try {
                // The key store is read once logging is set up: for each certificate it parses, the JDK asks its
                // jdk.event.security logger (log4j's, through log4j-jpl) whether to log it, and a logging context not
                // set up yet would be set up right there, on this thread, the slow way (log4j trying each of its
                // configuration factories). What of TLS needs no key is set up while this thread waits.
                ServerIdentity.prepareJsse();
                logging.await();
                instance = Assembly.instance(home, config, reservation);
            } catch (Exception | Error e) {
                reservation.close();
                throw e;
            }
            Thread shutdown = new Thread(() -> {
                instance.stop();
                LogManager.shutdown();
            }, "berth-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            try {
                instance.start();
                running = instance;
                break;
            } catch (PortTakenException taken) {
                // At auto, a neighbour outside this host registry (another user's, a test suite's own) bound a port
                // between the pick and the bind: the one race a shared host genuinely has. The next pick sees it.
                if (!requested.auto() || attempt >= AUTO_ATTEMPTS) {
                    err.println("berth: " + taken.getMessage());
                    return ExitCodes.FAILURE;
                }
                Runtime.getRuntime().removeShutdownHook(shutdown);
                err.println("berth: " + taken.getMessage() + "; a port was taken between the pick and the bind,"
                        + " starting again at the next free offset (attempt " + (attempt + 1) + " of " + AUTO_ATTEMPTS + ")");
                err.flush();
            } catch (AlreadyRunningException | EndpointStartTimeoutException refused) {
                err.println("berth: " + refused.getMessage());
                return ExitCodes.FAILURE;
            }
        }
        CleanStop.serving();
        running.awaitStop();
        return ExitCodes.OK;
    }
}
