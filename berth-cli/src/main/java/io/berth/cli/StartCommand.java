package io.berth.cli;

import io.berth.ports.PortPlan;
import io.berth.ports.SocketProbe;
import io.berth.server.Assembly;
import io.berth.server.config.PortPlanRequest;
import io.berth.server.lifecycle.AlreadyRunningException;
import io.berth.server.lifecycle.Instance;
import io.berth.server.lifecycle.PortTakenException;
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
        PortPlanRequest request = configOptions.request(spec.commandLine().getErr());
        PortPlan plan = request.plan(new SocketProbe());
        Instance instance = Assembly.instance(BerthHome.current(), request.config(), plan);
        Thread stopper = new Thread(() -> {
            instance.stop();
            LogManager.shutdown();
        }, "berth-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            instance.start();
        } catch (AlreadyRunningException | PortTakenException refused) {
            spec.commandLine().getErr().println("berth: " + refused.getMessage());
            return ExitCodes.FAILURE;
        }
        instance.awaitStop();
        return ExitCodes.OK;
    }
}
