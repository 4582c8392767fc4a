package io.berth.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code berth status --cluster} prints from an instance's {@code /api/cluster} answer: the members, and every
 * card the instance left out (a member started with another {@code [clustering] secret}), with its reason, in the
 * same table, read back from the JSON as the command reads it.
 */
class ClusterReportTest {

    private static final ClusterReport REPORT = new ClusterReport("wka", "berth", "up", 3, List.of(
            new ClusterReport.Member("127.0.0.1", "/srv/c1", 1, Json.tree(
                    "{\"offset\":1,\"ports\":[{\"id\":\"https\",\"enabled\":true,\"effective\":9444},"
                            + "{\"id\":\"cluster-multicast\",\"enabled\":false,\"effective\":45564},"
                            + "{\"id\":\"cluster-wka\",\"enabled\":true,\"effective\":4001}]}"))),
            null, null, List.of(
                    new ClusterReport.Rejected("[127.0.0.1]:4002", "the signature does not verify with this cluster's secret"),
                    new ClusterReport.Rejected("[127.0.0.1]:4003", "malformed card")));

    @Test
    void listsEveryRejectedCardWithItsReason() throws IOException {
        ClusterReport read = Json.mapper().readValue(Json.compact(REPORT), ClusterReport.class);
        assertEquals("Cluster: 3 member(s), scheme wka, domain berth, 2 card(s) rejected\n", read.summary());
        assertEquals("""
                HOST              OFFSET  HOME     PORTS
                127.0.0.1         1       /srv/c1  https=9444 cluster-wka=4001
                [127.0.0.1]:4002  -       -        card rejected: the signature does not verify with this cluster's secret
                [127.0.0.1]:4003  -       -        card rejected: malformed card
                """, read.table().toText());
    }

    @Test
    void saysWhenThisMemberRunsAlone() throws IOException {
        ClusterReport alone = new ClusterReport("wka", "berth", "up", 1, List.of(), ClusterReport.ALONE,
                List.of("127.0.0.1:4002"), List.of());
        assertEquals("Cluster: 1 member(s), scheme wka, domain berth\n"
                        + "Cluster degraded: none of the members [127.0.0.1:4002] found; this member runs alone\n",
                Json.mapper().readValue(Json.compact(alone), ClusterReport.class).summary());
        assertEquals("HOST  OFFSET  HOME  PORTS\n", alone.table().toText());
    }
}
