package io.berth.cli;

import io.berth.ports.SocketProbe;
import io.berth.server.Assembly;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.PortSettings;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.PortReservedException;
import io.berth.server.host.Reservation;
import io.berth.server.lifecycle.AlreadyRunningException;
import io.berth.server.lifecycle.Instance;
import io.berth.server.lifecycle.PortTakenException;
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
    TargetOptions target;

    @Override
    public Integer call() throws Exception {
        BackgroundLogging logging = BackgroundLogging.begin();
        PortSettings settings = target.settings(spec.commandLine().getErr());
        DeploymentConfig config = TargetOptions.berthConfig(settings);
        Path home = BerthHome.current();
        // The host registry picks (for auto) and records the ports under a host-wide lock; the entry
        // stays until this instance stops, so parallel starts never pick the same ports.
        Reservation reservation;
        try {
            reservation = HostRegistry.ofProcess().reserve(home, settings.layout(),
                    target.requestedOffset(settings), new SocketProbe());
        } catch (PortReservedException refused) {
            spec.commandLine().getErr().println("berth: " + refused.getMessage());
            return ExitCodes.FAILURE;
        }
        try {
            logging.await();
            Instance instance = Assembly.instance(home, config, reservation.plan());
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
                spec.commandLine().getErr().println("berth: " + refused.getMessage());
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
