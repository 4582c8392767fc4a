package io.berth.cli;

import io.berth.ports.SocketProbe;
import io.berth.server.Assembly;
import io.berth.server.config.PortConfiguration;
import io.berth.server.config.PortPlanRequest;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.PortReservedException;
import io.berth.server.host.Reservation;
import io.berth.server.lifecycle.AlreadyRunningException;
import io.berth.server.lifecycle.Instance;
import io.berth.server.lifecycle.PortTakenException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "start",
        header = "Start an instance in the foreground; SIGTERM or Ctrl-C stops it and releases every port.")
final class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        return start(configOptions, spec.commandLine().getErr());
    }

    /**
     * Runs a start on the calling thread until it stops, whether picocli or {@link Main} (for
     * {@link StartArguments}) called it; failures print their line to {@code err}.
     */
    static int start(ConfigOptions configOptions, PrintWriter err) throws Exception {
        BackgroundLogging logging = BackgroundLogging.begin();
        PortPlanRequest request = configOptions.request(err);
        Path home = BerthHome.current();
        // The host registry picks (for auto) and records the ports under a host-wide lock; the entry
        // stays until this instance stops, so parallel starts never pick the same ports.
        Reservation reservation;
        try {
            reservation = HostRegistry.ofProcess().reserve(home, PortConfiguration.layout(request.config()),
                    request.requestedOffset(), new SocketProbe());
        } catch (PortReservedException refused) {
            err.println("berth: " + refused.getMessage());
            return ExitCodes.FAILURE;
        }
        try {
            logging.await();
            Instance instance = Assembly.instance(home, request.config(), reservation.plan());
            Thread stopper = new Thread(() -> {
                reservation.update("stopping", reservation.entry().consoleUrl());
                instance.stop();
                reservation.close();
                LogManager.shutdown();
            }, "berth-shutdown");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                instance.start();
            } catch (AlreadyRunningException | PortTakenException refused) {
                err.println("berth: " + refused.getMessage());
                return ExitCodes.FAILURE;
            }
            reservation.update("running", instance.snapshot().consoleUrl());
            instance.awaitStop();
            return ExitCodes.OK;
        } finally {
            reservation.close();
        }
    }
}
