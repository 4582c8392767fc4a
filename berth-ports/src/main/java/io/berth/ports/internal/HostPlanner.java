package io.berth.ports.internal;

import io.berth.ports.InvalidOffsetException;
import io.berth.ports.Offset;
import io.berth.ports.OffsetRule;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortProbe;
import io.berth.ports.PortSettingsException;
import io.berth.ports.Protocol;
import io.berth.ports.TakenPorts;
import io.berth.ports.internal.PortRange;
import io.berth.ports.internal.TomlKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans offsets for several instances on one host: each instance gets the lowest offset at which
 * none of its enabled ports collides with another planned instance's, is taken on the host, or
 * collides inside the instance. Instances are planned in order, so instance 1 gets the lowest.
 *
 * <p>Shared ports (the multicast group port) are not checked against other instances or the host:
 * every member of a multicast cluster shares that port by design. A fixed port that is not shared (a
 * WSO2 Hazelcast member port, bound as written) no offset moves: when it is taken the instance cannot
 * be planned, and the error names it.
 */
public final class HostPlanner {

    private HostPlanner() {
    }

    /**
     * @param layouts one per instance, in order; equal layouts may repeat
     * @param taken   ports held on the host now or reserved by running instances; the planned
     *                instances' ports are added to it
     * @param probe   asked, after the bit set, about each port a candidate offset would use; a
     *                port it reports in use is added to {@code taken}. Use {@code (port, protocol) -> true}
     *                for a pure plan.
     * @param source  the source the planned offsets are reported with
     * @throws InvalidOffsetException naming the instance when no offset fits it
     */
    public static List<PortPlan> plan(List<PortLayout> layouts, TakenPorts taken, PortProbe probe, OffsetSource source) {
        // Taken bits only ever get set, so an offset ruled out for a layout stays ruled out: each
        // layout resumes where the last instance of that layout stopped. This keeps a plan of N
        // instances linear in N rather than quadratic.
        Map<PortLayout, Integer> resumeAt = new HashMap<>();
        Map<PortLayout, Candidate> candidates = new HashMap<>();
        // Ports no offset moves (an EI profile's, a WSO2 member port) are claimed first, for every instance: an
        // instance given earlier, whose ports do move, then steps around them rather than leaving a later
        // instance no way out. Two instances whose unmoving ports meet cannot both run, whatever the order.
        for (int instance = 0; instance < layouts.size(); instance++) {
            Candidate candidate = candidates.computeIfAbsent(layouts.get(instance), Candidate::of);
            candidate.refuseTakenFixed(instance + 1, taken, probe);
            candidate.takeFixed(taken);
        }
        List<PortPlan> plans = new ArrayList<>();
        for (int instance = 0; instance < layouts.size(); instance++) {
            PortLayout layout = layouts.get(instance);
            Candidate candidate = candidates.get(layout);
            int offset = candidate.lowestFit(resumeAt.getOrDefault(layout, 0), taken, probe);
            if (offset < 0) {
                throw new InvalidOffsetException(source, "auto", "no offset leaves every enabled port of instance "
                        + (instance + 1) + " free of the host's ports and of instances 1.." + instance);
            }
            PortPlan plan = candidate.plan(layout, new Offset(offset, source, true));
            candidate.takeAll(offset, taken);
            resumeAt.put(layout, offset + 1);
            plans.add(plan);
        }
        return plans;
    }

    /** The lowest offset for one instance, as {@code auto} picks it. */
    public static PortPlan lowest(PortLayout layout, TakenPorts taken, PortProbe probe, OffsetSource source) {
        return plan(List.of(layout), taken, probe, source).get(0);
    }

    /** A layout's enabled ports as flat arrays, so trying an offset allocates nothing. */
    private record Candidate(List<PortDefinition> enabled, int[] configured, OffsetRule[] rules, boolean[] moves,
            Protocol[][] protocols, int highestMovable) {

        static Candidate of(PortLayout layout) {
            List<PortDefinition> enabled = layout.catalogue().ports().stream().filter(layout::enabled).toList();
            int[] configured = new int[enabled.size()];
            OffsetRule[] rules = new OffsetRule[enabled.size()];
            boolean[] moves = new boolean[enabled.size()];
            Protocol[][] protocols = new Protocol[enabled.size()][];
            int highest = 0;
            for (int i = 0; i < enabled.size(); i++) {
                PortDefinition definition = enabled.get(i);
                configured[i] = layout.configured(definition);
                rules[i] = definition.rule();
                moves[i] = definition.rule().moves();
                protocols[i] = definition.protocols().toArray(Protocol[]::new);
                if (moves[i]) {
                    highest = Math.max(highest, configured[i]);
                }
            }
            return new Candidate(enabled, configured, rules, moves, protocols, highest);
        }

        /** A fixed, unshared port that is already taken: no offset can help, so say which port it is. */
        void refuseTakenFixed(int instance, TakenPorts taken, PortProbe probe) {
            for (int i = 0; i < configured.length; i++) {
                if (moves[i] || rules[i].shared()) {
                    continue;
                }
                int port = effective(i, 0);
                for (Protocol protocol : protocols[i]) {
                    if (taken.isTaken(port, protocol) || !probe.isFree(port, protocol)) {
                        PortDefinition definition = enabled.get(i);
                        throw new PortSettingsException("Instance " + instance + ": port " + port + "/" + protocol.wireName()
                                + " (" + definition.id() + ") is taken, and no offset moves it (" + rules[i].reason() + ")"
                                + (definition.configKey().isEmpty() ? "" : "; give " + TomlKey.display(definition.configKey())
                                + " another port"));
                    }
                }
            }
        }

        /** The lowest offset from {@code from} that fits, or -1 when every remaining offset pushes a port past the top. */
        int lowestFit(int from, TakenPorts taken, PortProbe probe) {
            for (int offset = from; highestMovable + offset <= PortRange.MAX; offset++) {
                if (!collidesWithin(offset) && free(offset, taken, probe)) {
                    return offset;
                }
            }
            return -1;
        }

        private int effective(int i, int offset) {
            return rules[i].effective(configured[i], offset, true);
        }

        /** Two enabled ports of the instance itself on one number and protocol: {@link PortLayout#at} would refuse it. */
        private boolean collidesWithin(int offset) {
            for (int i = 0; i < configured.length; i++) {
                for (int j = i + 1; j < configured.length; j++) {
                    if (effective(i, offset) == effective(j, offset) && shareProtocol(protocols[i], protocols[j])) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean free(int offset, TakenPorts taken, PortProbe probe) {
            for (int i = 0; i < configured.length; i++) {
                if (!moves[i]) {
                    continue;
                }
                for (Protocol protocol : protocols[i]) {
                    if (taken.isTaken(effective(i, offset), protocol)) {
                        return false;
                    }
                }
            }
            // The probe may bind sockets: ask it only once the cheap check has passed.
            for (int i = 0; i < configured.length; i++) {
                if (!moves[i]) {
                    continue;
                }
                for (Protocol protocol : protocols[i]) {
                    if (!probe.isFree(effective(i, offset), protocol)) {
                        taken.take(effective(i, offset), protocol);
                        return false;
                    }
                }
            }
            return true;
        }

        /**
         * The plan at an offset {@link #lowestFit} accepted: the checks {@link PortLayout#at} makes
         * (range, no collision inside the instance) have passed already, so they are not repeated
         * for each of thousands of instances.
         */
        PortPlan plan(PortLayout layout, Offset offset) {
            List<PlannedPort> ports = new ArrayList<>(layout.catalogue().ports().size());
            for (PortDefinition definition : layout.catalogue().ports()) {
                ports.add(PlannedPort.of(definition, layout.configured(definition), offset, layout.enabled(definition)));
            }
            return new PortPlan(offset, ports);
        }

        /** Takes the ports no offset moves (shared ones aside), so that every instance's movable ports avoid them. */
        void takeFixed(TakenPorts taken) {
            for (int i = 0; i < configured.length; i++) {
                if (!moves[i] && !rules[i].shared()) {
                    for (Protocol protocol : protocols[i]) {
                        taken.take(effective(i, 0), protocol);
                    }
                }
            }
        }

        /** Takes every port of the planned instance but shared ones, so later instances avoid them. */
        void takeAll(int offset, TakenPorts taken) {
            for (int i = 0; i < configured.length; i++) {
                if (!rules[i].shared()) {
                    for (Protocol protocol : protocols[i]) {
                        taken.take(effective(i, offset), protocol);
                    }
                }
            }
        }

        private static boolean shareProtocol(Protocol[] first, Protocol[] second) {
            for (Protocol a : first) {
                for (Protocol b : second) {
                    if (a == b) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
