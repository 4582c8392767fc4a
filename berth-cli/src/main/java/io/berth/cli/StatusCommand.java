package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        header = "Print whether this base's instance runs, and its ports. Exit 0 running, 3 not running.",
        description = "Reads <base>/runtime/instance.json; a file left by a process that is gone is named stale.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption formatOption;

    @Option(names = "--cluster", description = "Also print the cluster's members and their ports, as the instance sees them")
    boolean cluster;

    @Mixin
    TargetOptions configOptions;

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
        JsonNode clusterView = cluster ? cluster(instance) : null;
        switch (formatOption.format()) {
            case JSON -> {
                // One JSON document, whatever is asked: the instance, with its cluster view inside when asked for.
                ObjectNode document = Json.mapper().valueToTree(instance);
                if (clusterView != null) {
                    document.set("cluster", clusterView);
                }
                out.println(Json.write(document));
            }
            case TABLE, MARKDOWN -> {
                out.println("Berth is " + instance.state() + " in " + instance.home() + " (pid " + instance.pid() + ")");
                out.println("Offset " + instance.ports().offsetText());
                out.println("Console: " + instance.consoleUrl());
                out.println("JMX:     " + (instance.jmxServiceUrl() == null ? "off" : instance.jmxServiceUrl()));
                if (instance.jmxCredentials() != null) {
                    out.println("         users and passwords in " + instance.jmxCredentials());
                }
                out.print(formatOption.format() == Format.TABLE ? instance.ports().runningTable().toText() : instance.ports().runningTable().toMarkdown());
                if (clusterView != null) {
                    printCluster(out, clusterView);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Asks the running instance, over HTTPS and trusting only its own certificate, for its view of the cluster. */
    private JsonNode cluster(InstanceRecord instance) throws IOException, InterruptedException {
        DeploymentConfig config = configOptions.load(spec.commandLine().getErr());
        ServerIdentity identity = KeyStores.load(KeyStoreSettings.of(config, BerthHome.current()), BerthHome.current(),
                SocketBindingConfiguration.hostname(config));
        // The instance's own HTTPS socket, not the console URL's address, which may name a proxy in front of it.
        int httpsPort = instance.ports().enabled("https").orElseThrow().effective();
        String host = SocketBindingConfiguration.read(config).of("https").bind().localDial().getHostAddress(); // HostPort brackets and canonicalises it
        URI url = URI.create(new HostPort(host, httpsPort).url("https", "/api/cluster"));
        return Json.mapper().readTree(new InstanceClient(identity).get(url));
    }

    private void printCluster(PrintWriter out, JsonNode cluster) throws IOException {
        if (!cluster.has("members")) {
            out.println("Clustering is off");
            return;
        }
        ClusterReport report = Json.mapper().treeToValue(cluster, ClusterReport.class);
        out.print(report.summary());
        out.print(formatOption.format() == Format.TABLE ? report.table().toText() : report.table().toMarkdown());
    }
}
