package io.berth.server.http;

import io.berth.ports.HostPort;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.PortReport;
import io.berth.server.report.PortView;
import io.berth.server.report.RandomListener;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The console: the instance, its port table, how to connect to it, its cluster and the instances on
 * its host. The instance and its ports are rendered here, so the page reads without JavaScript;
 * console.js keeps the uptime, the cluster and the host table current.
 */
final class ConsolePage {

    private ConsolePage() {
    }

    static String render(InstanceRecord instance, InstanceInfo info) {
        PortReport ports = instance.ports();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<title>").append(escape(info.name())).append(" · Berth console</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(StaticAssets.get(StaticAssets.CSS).versionedPath()).append("\">\n")
                .append("<link rel=\"icon\" type=\"image/svg+xml\" href=\"").append(StaticAssets.get(StaticAssets.ICON).versionedPath()).append("\">\n")
                .append("<script defer src=\"").append(StaticAssets.get(StaticAssets.JS).versionedPath()).append("\"></script>\n")
                .append("</head>\n<body data-started-at=\"").append(escape(info.startedAt()))
                .append("\" data-home=\"").append(escape(info.home())).append("\" data-offset=\"").append(info.offset()).append("\">\n")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
                .append("<header class=\"top\"><div class=\"wrap\"><span class=\"brand\">Berth</span>")
                .append("<span class=\"name\" id=\"instance-name\">").append(escape(info.name())).append("</span>")
                .append("<span class=\"pill state-").append(escape(info.state())).append("\" id=\"state\">")
                .append(escape(info.state())).append("</span></div></header>\n")
                .append("<main id=\"main\" class=\"wrap\">\n");
        instanceSection(html, info);
        portsSection(html, ports);
        connectSection(html, info);
        clusterSection(html, instance);
        hostSection(html, info);
        return html.append("</main>\n<footer class=\"wrap\"><p>Served by the instance itself. JSON: ")
                .append("<a href=\"/api/instance\">/api/instance</a> · <a href=\"/api/ports\">/api/ports</a> · ")
                .append("<a href=\"/api/cluster\">/api/cluster</a> · <a href=\"/api/health\">/api/health</a></p></footer>\n")
                .append("</body></html>\n").toString();
    }

    private static void instanceSection(StringBuilder html, InstanceInfo info) {
        html.append("<section aria-labelledby=\"h-instance\"><h2 id=\"h-instance\">Instance</h2>\n<dl class=\"facts\">")
                .append(fact("Name", "name", escape(info.name())))
                .append(fact("Home", "home", "<code>" + escape(info.home()) + "</code>"))
                .append(fact("Product", "product", info.product() == null ? "unknown" : escape(info.product())))
                .append(fact("Offset", "offset", escape(info.offsetText())))
                .append(fact("Uptime", "uptime", "<span id=\"uptime-value\">" + formatUptime(info.uptimeSeconds()) + "</span>"
                        + " <span class=\"muted\">since <time datetime=\"" + escape(info.startedAt()) + "\">"
                        + escape(readable(info.startedAt())) + "</time></span>"))
                .append(fact("Process", "pid", "pid " + info.pid()))
                .append(fact("Console", "console-url", "<a href=\"" + escape(info.consoleUrl()) + "\">"
                        + escape(info.consoleUrl()) + "</a>"))
                .append("</dl></section>\n");
    }

    private static String fact(String label, String id, String valueHtml) {
        return "<div><dt>" + label + "</dt><dd id=\"" + id + "\">" + valueHtml + "</dd></div>";
    }

    private static void portsSection(StringBuilder html, PortReport ports) {
        html.append("<section aria-labelledby=\"h-ports\"><h2 id=\"h-ports\">Ports</h2>\n")
                .append("<p class=\"muted\">Effective = default + offset ").append(ports.offset())
                .append(", except where a port is fixed.</p>\n")
                .append("<div class=\"scroll\" role=\"region\" aria-labelledby=\"h-ports\" tabindex=\"0\">")
                .append("<table id=\"ports\"><thead><tr><th scope=\"col\">Port</th><th scope=\"col\" class=\"num\">Default</th>")
                .append("<th scope=\"col\" class=\"num\">Effective</th><th scope=\"col\">Protocol</th><th scope=\"col\">Offset</th>")
                .append("<th scope=\"col\">Enabled</th><th scope=\"col\">Bound</th></tr></thead><tbody>\n");
        for (PortView port : ports.ports()) {
            html.append("<tr data-port=\"").append(escape(port.id())).append("\"><th scope=\"row\"><code>")
                    .append(escape(port.id())).append("</code><span class=\"desc\">").append(escape(port.description()))
                    .append("</span></th><td class=\"num\" data-label=\"Default\">").append(port.defaultPort())
                    .append("</td><td class=\"num effective\" data-label=\"Effective\">").append(port.effective())
                    .append("</td><td data-label=\"Protocol\">").append(escape(port.protocol()))
                    .append("</td><td data-label=\"Offset\">").append(port.offsetApplied() ? "<span class=\"tag ok\">applied</span>"
                            : "<span class=\"tag fixed\">fixed</span><span class=\"desc\">" + escape(port.fixedReason()) + "</span>")
                    .append("</td><td data-label=\"Enabled\">").append(port.enabled() ? "yes" : "<span class=\"muted\">no</span>")
                    .append("</td><td class=\"bound\" data-label=\"Bound\">").append(boundCell(port))
                    .append("</td></tr>\n");
        }
        if (ports.random() != null) {
            for (RandomListener listener : ports.random()) {
                html.append("<tr class=\"random\" data-random=\"").append(listener.port())
                        .append("\"><th scope=\"row\"><span class=\"tag warn\">random</span><span class=\"desc\">")
                        .append("not declared in the registry</span></th><td class=\"num\">—</td><td class=\"num effective\">")
                        .append(listener.port()).append("</td><td>").append(escape(listener.protocol()))
                        .append("</td><td>—</td><td>—</td><td class=\"bound\"><span class=\"dot on\" aria-hidden=\"true\"></span>")
                        .append(escape(new HostPort(listener.address(), listener.port()).toString())).append("</td></tr>\n");
            }
        }
        html.append("</tbody></table></div>\n");
        int random = ports.random() == null ? 0 : ports.random().size();
        if (random > 0) {
            html.append("<p class=\"notice\" id=\"random-notice\" role=\"note\">The audit found ").append(random)
                    .append(random == 1 ? " listener" : " listeners")
                    .append(" that the registry does not declare (flagged <span class=\"tag warn\">random</span> above).</p>\n");
        }
        html.append("</section>\n");
    }

    private static String boundCell(PortView port) {
        if (Boolean.TRUE.equals(port.bound())) {
            return "<span class=\"dot on\" aria-hidden=\"true\"></span>bound <code>" + escape(port.address()) + "</code>";
        }
        return "<span class=\"dot\" aria-hidden=\"true\"></span><span class=\"muted\">"
                + (port.enabled() ? "not bound" : "disabled") + "</span>";
    }

    private static void connectSection(StringBuilder html, InstanceInfo info) {
        html.append("<section aria-labelledby=\"h-connect\"><h2 id=\"h-connect\">Connect</h2>\n<div class=\"snippets\">\n");
        snippet(html, "jmx-url", "JMX service URL", info.jmxServiceUrl(), "JMX is off.");
        snippet(html, "jconsole", "JConsole", info.jconsole(), "JMX is off.");
        if (info.jmxCredentials() != null) {
            html.append("<p class=\"hint\" id=\"jmx-credentials\">JMX asks for a user and password: <code>monitorRole</code> (read only) or ")
                    .append("<code>controlRole</code>, from <code>").append(escape(info.jmxCredentials())).append("</code> (readable by the owner only).</p>\n");
        }
        snippet(html, "curl", "Port table with curl", info.curl(), "HTTPS is off.");
        if (info.curl() != null) {
            html.append("<p class=\"hint\">Save the instance's certificate as <a href=\"/console/berth.pem\" download>berth.pem</a> first; ")
                    .append("curl then verifies the server instead of trusting blindly.</p>\n");
        }
        snippet(html, "thrift", "Thrift entitlement endpoint (TLS)", info.thrift(), "The Thrift entitlement service is off.");
        snippet(html, "krb5conf", "krb5.conf" + (info.realm() == null ? "" : " for realm " + info.realm())
                + (info.kdc() == null ? "" : " (kdc = " + info.kdc() + ")"), info.krb5conf(), "The Kerberos KDC is off.");
        html.append("</div></section>\n");
    }

    private static void snippet(StringBuilder html, String id, String label, String text, String absent) {
        html.append("<div class=\"snippet\"><h3 id=\"label-").append(id).append("\">").append(escape(label)).append("</h3>");
        if (text == null) {
            html.append("<p class=\"muted\" id=\"").append(id).append("\">").append(escape(absent)).append("</p></div>\n");
            return;
        }
        html.append("<div class=\"copyable\"><pre><code id=\"").append(id).append("\">").append(escape(text.strip()))
                .append("</code></pre><button type=\"button\" class=\"copy\" data-copy=\"").append(id)
                .append("\" aria-describedby=\"label-").append(id).append("\">Copy</button></div></div>\n");
    }

    private static void clusterSection(StringBuilder html, InstanceRecord instance) {
        html.append("<section aria-labelledby=\"h-cluster\"><h2 id=\"h-cluster\">Cluster</h2>\n")
                .append("<p id=\"cluster-status\" aria-live=\"polite\">")
                .append(instance.cluster() == null ? "Clustering is off." : instance.cluster().memberCount()
                        + " member(s), scheme " + escape(instance.cluster().scheme())
                        + (instance.cluster().degraded() ? ". Degraded: none of its members ("
                                + escape(String.join(", ", instance.cluster().missing())) + ") found; this member runs alone." : ""))
                .append("</p>\n<div class=\"scroll\" role=\"region\" aria-labelledby=\"h-cluster\" tabindex=\"0\"")
                .append(instance.cluster() == null ? " hidden" : "").append(" id=\"cluster-wrap\">")
                .append("<table id=\"cluster\"><thead><tr><th scope=\"col\">Member</th><th scope=\"col\">Host</th>")
                .append("<th scope=\"col\" class=\"num\">Offset</th><th scope=\"col\">Ports</th></tr></thead>")
                .append("<tbody id=\"cluster-members\"></tbody></table></div>\n")
                .append("<noscript><p>The member list needs JavaScript; see <a href=\"/api/cluster\">/api/cluster</a>.</p></noscript>\n")
                .append("</section>\n");
    }

    private static void hostSection(StringBuilder html, InstanceInfo info) {
        html.append("<section aria-labelledby=\"h-host\"><h2 id=\"h-host\">Instances on ").append(escape(info.host())).append("</h2>\n")
                .append("<div class=\"scroll\" role=\"region\" aria-labelledby=\"h-host\" tabindex=\"0\">")
                .append("<table id=\"host-instances\" data-source=\"/api/instances\"><thead><tr><th scope=\"col\">Instance</th><th scope=\"col\">Product</th>")
                .append("<th scope=\"col\" class=\"num\">Offset</th><th scope=\"col\">Console</th></tr></thead>")
                .append("<tbody><tr><th scope=\"row\">").append(escape(info.name())).append("</th><td>")
                .append(info.product() == null ? "unknown" : escape(info.product())).append("</td><td class=\"num\">")
                .append(info.offset()).append("</td><td><a href=\"").append(escape(info.consoleUrl())).append("\">")
                .append(escape(info.consoleUrl())).append("</a></td></tr></tbody></table></div>\n")
                .append("</section>\n");
    }

    /** {@code 2026-11-21 08:43:26 UTC}: the instant to the second, without the nanoseconds nobody reads. */
    static String readable(String instant) {
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
        } catch (DateTimeParseException | NullPointerException unknown) {
            return instant;
        }
    }

    /** {@code 3d 4h}, {@code 2h 5m}, {@code 4m 10s}: the two largest units are enough to read at a glance. */
    static String formatUptime(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + secs + "s" : secs + "s";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
