/**
 * The parts of {@code berth-ports} that Berth's own modules use but that are no part of its API: they may change
 * in any release, and a server adopting the offset system needs none of them ({@link io.berth.ports} is what it
 * uses). As OkHttp's {@code okhttp3.internal}, it is public only so that Berth's server, CLI and benchmarks can
 * reach it.
 *
 * <ul>
 *   <li>{@link io.berth.ports.internal.Catalogues}: every WSO2 product line's ports as data, each port citing the
 *       WSO2 page or code that gives its number and offset rule; {@link io.berth.ports.internal.BerthCatalogue}:
 *       Berth's own, from the seed page "Default Ports of WSO2 Products", published as
 *       {@link io.berth.ports.PortCatalogue#BERTH}.</li>
 *   <li>{@link io.berth.ports.internal.HostPlanner}: offsets for many instances on one host at once
 *       ({@code berth plan}), and the lowest free offset behind {@code auto}
 *       ({@link io.berth.ports.PortPlanner#plan}); linear in the number of instances.</li>
 *   <li>{@link io.berth.ports.internal.PortDocs}: the generated port pages {@code docs/ports/*.md}.</li>
 *   <li>{@link io.berth.ports.internal.PortRange} (1..65535), {@link io.berth.ports.internal.TomlKey}
 *       ({@code [table] key} as messages show a key) and {@link io.berth.ports.internal.OneLine} (user text
 *       escaped so a message stays one line): what every message of the API and the server is made with.</li>
 * </ul>
 *
 * <p>Errors are those of the API: {@link io.berth.ports.PortSettingsException} and its subtypes, one line each;
 * {@link io.berth.ports.internal.HostPlanner} throws {@link io.berth.ports.InvalidOffsetException} when no offset
 * fits an instance and {@link io.berth.ports.PortSettingsException} when a fixed port no offset moves is taken.
 */
package io.berth.ports.internal;
