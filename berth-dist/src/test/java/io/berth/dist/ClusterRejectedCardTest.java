package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member started with another {@code [clustering] secret} (a base that generated its own) joins the
 * Hazelcast cluster, but its directory card does not verify: {@code berth status --cluster} of the other
 * member counts it, and lists it in the members' table as a rejected card with the reason, as
 * {@code /api/cluster} does under {@code rejected}, rather than showing one row fewer than the member count.
 */
class ClusterRejectedCardTest {

    private static final String HOST = "127.0.0.1";

    @Test
    void statusClusterListsTheCardOfAMemberWithAnotherSecret(@TempDir Path dir) throws Exception {
        String domain = "berth-it-rejected-" + ProcessHandle.current().pid();
        try (TestServer first = TestServer.start(TestHome.copyOfDistribution(dir, "first").config(Clusters.config(HOST, false, """
                membership_scheme = "wka"
                members = []
                domain = "%s"
                """.formatted(domain))))) {
            String stranger = Clusters.config(HOST, false, """
                    membership_scheme = "wka"
                    members = ["%s:%d"]
                    domain = "%s"
                    """.formatted(HOST, first.port("cluster-wka"), domain))
                    .replace(Clusters.SECRET, "secret = \"not-the-first-members-secret\"");
            try (TestServer other = TestServer.start(TestHome.copyOfDistribution(dir, "other").config(stranger))) {
                JsonNode cluster = first.await("the other member's card rejected", () -> first.getJson("/api/cluster"),
                        view -> view.get("memberCount").asInt() == 2 && view.get("rejected").size() == 1, Duration.ofSeconds(90));
                String member = cluster.get("rejected").get(0).get("member").asText();
                assertTrue(member.endsWith(":" + other.port("cluster-wka")), cluster.toString());

                CommandResult status = first.home().berth("status", "--cluster");
                assertEquals(0, status.exitCode(), status.toString());
                assertTrue(status.out().contains("Cluster: 2 member(s), scheme wka, domain " + domain + ", 1 card(s) rejected"),
                        status.out());
                List<String> table = status.out().substring(status.out().indexOf("Cluster: ")).lines().toList();
                String row = table.stream().filter(line -> line.startsWith(member)).findFirst()
                        .orElseThrow(() -> new AssertionError("no row for " + member + " in\n" + status.out()));
                assertTrue(row.matches(".*card rejected: .*does not verify with this cluster's secret.*"), row);
                assertTrue(table.stream().anyMatch(line -> line.startsWith(HOST) && line.contains(first.home().toString())),
                        status.out());
            }
        }
    }
}
