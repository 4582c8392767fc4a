package io.berth.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.BindAddress;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.RequestedOffset;
import io.berth.ports.SocketBindings;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.DeploymentConfigLoader;
import io.berth.server.config.PortConfiguration;
import io.berth.server.config.References;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.InstanceState;
import io.berth.server.host.Reservation;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance owns its host reservation and its state, and starts once. No endpoint: nothing is bound. */
class InstanceLifecycleTest {

    private static final SocketBindings BINDINGS = SocketBindings.uniform(
            new BindAddress("127.0.0.1", List.of(InetAddress.getLoopbackAddress())), "localhost");

    @TempDir
    Path dir;

    private Instance instance(HostRegistry registry, Path home) throws Exception {
        Path config = Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("deployment.toml"),
                "[server]\nproduct = \"carbon\"\n");
        DeploymentConfig loaded = new DeploymentConfigLoader(References.ofProcess()).load(config);
        Reservation reservation = registry.reserve(home, PortConfiguration.layout(loaded),
                RequestedOffset.parse(new OffsetSetting(OffsetSource.OPTION, "3")), BINDINGS, (port, protocol) -> true);
        return new Instance(home, reservation, BINDINGS, "https://localhost:9446/console", null);
    }

    @Test
    void aSecondStartIsRefusedAndLeavesTheRunningInstanceAlone() throws Exception {
        HostRegistry registry = new HostRegistry(dir.resolve("registry"));
        Path home = dir.resolve("home");
        Instance instance = instance(registry, home);
        instance.start();
        try {
            IllegalStateException twice = assertThrows(IllegalStateException.class, instance::start);
            assertTrue(twice.getMessage().contains("was started before (it is running); an instance starts once"), twice.getMessage());
            assertEquals(InstanceState.RUNNING, instance.snapshot().state());
            assertTrue(Files.readString(home.resolve("runtime/instance.json")).contains("\"state\" : \"running\""));
            assertEquals(InstanceState.RUNNING, registry.entries().get(0).state(), "the instance records its state in the registry");
        } finally {
            instance.stop();
        }
        assertEquals(List.of(), registry.entries(), "stop closes the reservation");
        assertFalse(Files.exists(home.resolve("runtime/instance.json")));
        assertThrows(IllegalStateException.class, instance::start, "a stopped instance does not start again");
    }

    @Test
    void stopBeforeStartReleasesTheReservation() throws Exception {
        HostRegistry registry = new HostRegistry(dir.resolve("registry"));
        Instance instance = instance(registry, dir.resolve("home"));
        assertEquals(1, registry.entries().size());
        instance.stop();
        assertEquals(List.of(), registry.entries());
    }
}
