package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ports.HostPort;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.SocketBindingConfiguration;
import io.berth.server.report.ClusterReport;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.lifecycle.RuntimeFile;
import io.berth.server.report.Json;
import io.berth.server.report.Table;
import io.berth.server.security.InstanceClient;
import io.berth.server.security.KeyStoreSettings;
import io.berth.server.security.KeyStores;
import io.berth.server.security.ServerIdentity;
import java.io.IOException;
import java.net.URI;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status",
        header = "Print whether this home's instance runs, and its ports. Exit 0 running, 3 not running.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or markdown (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--cluster", description = "Also print the cluster's members and their ports, as the instance sees them")
    boolean cluster;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        RuntimeFile runtimeFile = new RuntimeFile(BerthHome.current());
        Optional<InstanceRecord> written = runtimeFile.read();
        Optional<InstanceRecord> live = written.filter(runtimeFile::isLive);
        if (live.isEmpty()) {
            out.println("Berth is not running in " + BerthHome.current()
                    + written.map(stale -> " (stale runtime file of pid " + stale.pid() + ")").orElse(""));
            out.flush();
            return ExitCodes.NOT_RUNNING;
        }
        InstanceRecord instance = live.get();
        switch (format) {
            case JSON -> out.println(Json.write(instance));
            case TABLE, MARKDOWN -> {
                out.println("Berth is " + instance.state() + " in " + instance.home() + " (pid " + instance.pid() + ")");
                out.println("Offset " + instance.ports().offsetText());
                out.println("Console: " + instance.consoleUrl());
                out.println("JMX:     " + (instance.jmxServiceUrl() == null ? "off" : instance.jmxServiceUrl()));
                out.print(format == Format.TABLE ? instance.ports().runningTable().toText() : instance.ports().runningTable().toMarkdown());
            }
        }
        if (cluster) {
            printCluster(out, instance);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Asks the running instance, over HTTPS and trusting only its own certificate, for its view of the cluster. */
    private void printCluster(PrintWriter out, InstanceRecord instance) throws IOException, InterruptedException {
        DeploymentConfig config = configOptions.load(spec.commandLine().getErr());
        ServerIdentity identity = KeyStores.load(KeyStoreSettings.of(config, BerthHome.current()), BerthHome.current(),
                SocketBindingConfiguration.hostname(config));
        // The instance's own HTTPS socket, not the console URL's address, which may name a proxy in front of it.
        int httpsPort = instance.ports().enabled("https").orElseThrow().effective();
        String host = SocketBindingConfiguration.read(config).of("https").bind().localDial().getHostAddress(); // HostPort brackets and canonicalises it
        URI url = URI.create(new HostPort(host, httpsPort).url("https", "/api/cluster"));
        JsonNode cluster = Json.mapper().readTree(new InstanceClient(identity).get(url));
        if (format == Format.JSON) {
            out.println(Json.write(cluster));
            return;
        }
        if (!cluster.has("members")) {
            out.println("Clustering is off");
            return;
        }
        out.println("Cluster: " + cluster.get("memberCount").asInt() + " member(s), scheme " + cluster.get("scheme").asText()
                + ", domain " + cluster.get("domain").asText());
        if (ClusterReport.ALONE.equals(cluster.path("search").asText())) {
            out.println("Cluster degraded: none of the members " + cluster.get("missing") + " found; this member runs alone");
        }
        Table table = new Table("HOST", "OFFSET", "HOME", "PORTS");
        for (JsonNode member : cluster.get("members")) {
            StringBuilder ports = new StringBuilder();
            for (JsonNode port : member.get("ports").get("ports")) {
                if (port.get("enabled").asBoolean()) {
                    ports.append(ports.isEmpty() ? "" : " ").append(port.get("id").asText()).append('=').append(port.get("effective").asInt());
                }
            }
            table.row(member.get("host").asText(), member.get("offset").asInt(), member.get("home").asText(), ports);
        }
        out.print(format == Format.TABLE ? table.toText() : table.toMarkdown());
    }
}
