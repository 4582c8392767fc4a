package io.berth.server.http;

import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.PortReport;
import io.berth.server.report.PortView;
import io.berth.server.report.RandomListener;

/** The console: the instance's port table, its offset and where that came from, and how to reach JMX. */
final class ConsolePage {

    private ConsolePage() {
    }

    static String render(InstanceRecord instance) {
        PortReport ports = instance.ports();
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Berth console</title></head><body>\n")
                .append("<h1>Berth</h1>\n<dl>")
                .append("<dt>Home</dt><dd>").append(escape(instance.home())).append("</dd>")
                .append("<dt>Offset</dt><dd id=\"offset\">").append(escape(ports.offsetText())).append("</dd>")
                .append("<dt>JMX service URL</dt><dd><code id=\"jmx-url\">")
                .append(escape(instance.jmxServiceUrl() == null ? "JMX is off" : instance.jmxServiceUrl()))
                .append("</code></dd></dl>\n")
                .append("<table id=\"ports\"><thead><tr><th>id</th><th>default</th><th>effective</th><th>protocol</th>")
                .append("<th>offset</th><th>enabled</th><th>bound</th><th>description</th></tr></thead><tbody>\n");
        for (PortView port : ports.ports()) {
            html.append("<tr><td>").append(escape(port.id()))
                    .append("</td><td>").append(port.defaultPort())
                    .append("</td><td>").append(port.effective())
                    .append("</td><td>").append(port.protocol())
                    .append("</td><td>").append(port.offsetApplied() ? "applied" : "fixed: " + escape(port.fixedReason()))
                    .append("</td><td>").append(port.enabled() ? "yes" : "no")
                    .append("</td><td>").append(escape(port.stateText()))
                    .append("</td><td>").append(escape(port.description()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        if (ports.random() != null && !ports.random().isEmpty()) {
            html.append("<h2>Random listeners</h2><ul>");
            for (RandomListener listener : ports.random()) {
                html.append("<li>").append(listener.protocol()).append(' ').append(escape(listener.address()))
                        .append(':').append(listener.port()).append("</li>");
            }
            html.append("</ul>\n");
        }
        if (instance.cluster() != null) {
            html.append("<h2>Cluster</h2><p id=\"cluster-count\">").append(instance.cluster().memberCount())
                    .append(" member(s), scheme ").append(escape(instance.cluster().scheme())).append("</p><ul id=\"cluster\">");
            instance.cluster().members().forEach(member -> html.append("<li>").append(escape(member.host()))
                    .append(" offset ").append(member.offset()).append(' ').append(escape(member.home())).append("</li>"));
            html.append("</ul>\n");
        }
        return html.append("</body></html>\n").toString();
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
