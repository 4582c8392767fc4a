/**
 * The port offset system of WSO2 Carbon as a library: what a Java server needs to take every port it opens from
 * one catalogue and move them all with one offset, so that many instances run side by side on one host. Berth's
 * server and CLI use it as any server would; {@link io.berth.ports.internal} holds the rest (the WSO2 product
 * catalogues, the many-instance planner, message helpers) and promises nothing.
 *
 * <p>Four steps, as WildFly's {@code org.jboss.as.network.SocketBinding} shapes them (a socket binding's
 * configured {@code port}, its {@code bound-port} after the group's {@code port-offset}, its interface and its
 * client mappings):
 * <ol>
 *   <li><b>Catalogue.</b> {@link io.berth.ports.PortCatalogue} lists a product's ports as
 *       {@link io.berth.ports.PortDefinition}s: id ({@link io.berth.ports.PortId}), default at offset 0, protocols,
 *       the {@link io.berth.ports.Feature} that opens it, the configuration key that sets it, its
 *       {@link io.berth.ports.OffsetRule} and the source of each fact. {@link io.berth.ports.PortCatalogue#BERTH}
 *       is Berth's own; a server with other ports makes its own catalogue.</li>
 *   <li><b>Offset sources.</b> {@link io.berth.ports.RequestedOffset#resolve} takes each
 *       {@link io.berth.ports.OffsetSetting} highest precedence first, as {@link io.berth.ports.OffsetSource}
 *       orders them: the option {@code --port-offset}, the system property {@code portOffset}
 *       ({@link io.berth.ports.OffsetSource#PROPERTY_NAME}), the file's {@code [server] offset}, else 0. The first
 *       one present wins, as a number or {@code auto}.</li>
 *   <li><b>Plan.</b> A {@link io.berth.ports.PortLayout} is what configuration says before any offset (configured
 *       bases, features on); {@link io.berth.ports.PortPlanner#plan} turns it and the request into a
 *       {@link io.berth.ports.PortPlan}, whose {@link io.berth.ports.PlannedPort}s name the three numbers:
 *       catalogue default, configured base, effective port. {@link io.berth.ports.OffsetRule#effective} is the one
 *       computation of an effective port.</li>
 *   <li><b>Host.</b> For {@code auto}, the planner asks a {@link io.berth.ports.PortProbe}
 *       ({@link io.berth.ports.SocketProbe} binds and releases, on the wildcard or on the addresses the instance
 *       binds) and avoids {@link io.berth.ports.TakenPorts} that other instances hold. Where each port listens and
 *       what clients dial are its {@link io.berth.ports.SocketBinding} ({@link io.berth.ports.BindAddress},
 *       advertised {@link io.berth.ports.HostPort}), one per port in {@link io.berth.ports.SocketBindings}.</li>
 * </ol>
 *
 * <p>Adopting it (the test {@code PackageExampleTest} runs these lines):
 * <pre>{@code
 * PortLayout layout = new PortLayout(Map.of(PortId.HTTPS, 8443), EnumSet.of(Feature.SERVLET_TRANSPORTS));
 * RequestedOffset requested = RequestedOffset.resolve(new OffsetSetting(OffsetSource.OPTION, option),
 *         new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, System.getProperty(OffsetSource.PROPERTY_NAME)),
 *         new OffsetSetting(OffsetSource.CONFIG, fileOffset));
 * PortPlan plan = PortPlanner.plan(layout, requested, new SocketProbe());
 * int https = plan.effective(PortId.HTTPS);   // 8446 with -DportOffset=3
 * }</pre>
 *
 * <p><b>Units and ranges.</b> Ports are TCP or UDP port numbers, 1..65535 (0, "any port" to the OS, is never a
 * port here). An offset is a whole number &gt;= 0 that keeps every enabled port within 1..65535; {@code auto}
 * picks the lowest such offset at which every enabled port is free. Nothing here binds a port for longer than a
 * probe takes, and nothing keeps state between calls: every value is immutable but {@link io.berth.ports.TakenPorts}.
 *
 * <p><b>Errors.</b> Bad input throws a {@link io.berth.ports.PortSettingsException} whose message is one line
 * naming the input, the rule and the value, ready to print: {@link io.berth.ports.InvalidOffsetException} (an
 * offset that is not a whole number &gt;= 0, pushes an enabled port out of range, or for which {@code auto} finds
 * no free ports; it names the source), {@link io.berth.ports.PortCollisionException} (two enabled ports on one
 * number and protocol; it names both keys), and a configured base outside 1..65535 (it names the key).
 * {@link IllegalArgumentException} and {@link IllegalStateException} mean a programming error: an unknown port id,
 * a catalogue with two ports of one id, asking a plan for a port that is not enabled.
 *
 * <p><b>Where the port facts come from.</b> Every number and offset rule in a catalogue cites its source
 * ({@link io.berth.ports.PortDefinition#source}): for Berth's catalogue the seed page "Default Ports of WSO2
 * Products" (Carbon 4.x and Identity Server docs); for the WSO2 catalogues each product's own ports page or code
 * (see {@code io.berth.ports.internal.Catalogues}). The rules that are not {@code +offset} (a fixed Hazelcast member
 * port, a shared multicast group port, Micro Integrator's internal offset) say why in
 * {@link io.berth.ports.OffsetRule#reason}. The generated pages {@code docs/ports/*.md} show each catalogue.
 */
package io.berth.ports;
