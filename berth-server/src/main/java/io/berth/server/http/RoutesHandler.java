package io.berth.server.http;

import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.Json;
import io.berth.server.security.Pem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.berth.server.host.HostEntry;
import io.berth.server.host.HostRegistry;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The instance's routes: {@code /console} with its CSS and JavaScript, {@code /carbon} and every
 * {@code /carbon/...} deep link (WSO2's console paths, redirected to the console), {@code /api/instance}, {@code /api/ports}, {@code /api/cluster},
 * {@code /api/health}, {@code /api/instances} (to the local owner's console only, see {@link LocalOwner}), and
 * the instance's own certificate at {@code /console/berth.pem}.
 */
final class RoutesHandler extends Handler.Abstract.NonBlocking {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    private static final String PEM = "application/x-pem-file";
    /** Only the instance's own CSS and script, nothing inline, nothing from elsewhere. */
    private static final String CONSOLE_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Supplier<InstanceRecord> instance;
    private final InstanceInfo.Configured configured;
    private final RenderedBody console;
    private final RenderedBody instanceJson;
    private final RenderedBody portsJson;
    private final RenderedBody clusterJson;
    private final RenderedBody healthJson;
    private final LocalOwner localOwner;

    /** @param loopbackBind whether the connectors listen on a loopback address only (see {@link LocalOwner}) */
    RoutesHandler(Supplier<InstanceRecord> instance, InstanceInfo.Configured configured, boolean loopbackBind) {
        this.instance = instance;
        this.localOwner = new LocalOwner(loopbackBind);
        this.configured = configured;
        this.console = new RenderedBody(record -> ConsolePage.render(record, info(record)));
        this.instanceJson = new RenderedBody(record -> Json.compact(info(record)));
        this.portsJson = new RenderedBody(record -> Json.compact(record.ports()));
        this.clusterJson = new RenderedBody(RoutesHandler::clusterJson);
        this.healthJson = new RenderedBody(record -> Json.compact(Health.of(record)));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            // RFC 9110 15.5.6: a 405 lists the methods the resource does support.
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        String path = Request.getPathInContext(request);
        switch (path) {
            case "/", "/carbon", "/carbon/" -> Response.sendRedirect(request, response, callback, "/console");
            case "/favicon.ico" -> Response.sendRedirect(request, response, callback, StaticAssets.ICON);
            case "/console", "/console/" -> {
                response.getHeaders().put("Content-Security-Policy", CONSOLE_POLICY);
                response.getHeaders().put("Referrer-Policy", "no-referrer");
                send(response, callback, HTML, console.of(instance.get()));
            }
            case StaticAssets.CSS, StaticAssets.JS, StaticAssets.ICON -> StaticAssets.send(StaticAssets.get(path), request, response, callback);
            case "/console/berth.pem" -> certificate(request, response, callback);
            case "/api/instance" -> send(response, callback, JSON, instanceJson.of(instance.get()));
            case "/api/instances" -> {
                LocalOwner.Verdict verdict = localOwner.judge(request);
                if (verdict == LocalOwner.Verdict.ALLOWED) {
                    send(response, callback, JSON, Json.compact(Map.of("instances", hostInstances())));
                } else {
                    Response.writeError(request, response, callback, verdict.status);
                }
            }
            case "/api/ports" -> send(response, callback, JSON, portsJson.of(instance.get()));
            case "/api/cluster" -> send(response, callback, JSON, clusterJson.of(instance.get()));
            case "/api/health" -> send(response, callback, JSON, healthJson.of(instance.get()));
            default -> {
                if (path.startsWith("/carbon/")) {
                    // WSO2's console deep links (/carbon/admin/login.jsp, bookmarks) land on this console.
                    Response.sendRedirect(request, response, callback, "/console");
                } else {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            }
        }
        return true;
    }

    /** Every Berth instance on this host, from the host registry: the seed's "Product 1..N" table, live. */
    private List<Map<String, Object>> hostInstances() {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (HostEntry entry : HostRegistry.ofProcess().entries()) {
            Path home = Path.of(entry.home());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", home.getFileName() == null ? entry.home() : home.getFileName().toString());
            row.put("home", entry.home());
            row.put("pid", entry.pid());
            row.put("state", entry.state());
            row.put("offset", entry.offset());
            row.put("consoleUrl", entry.consoleUrl());
            row.put("product", entry.home().equals(instance.get().home()) ? configured.product() : null);
            instances.add(row);
        }
        return instances;
    }

    private InstanceInfo info(InstanceRecord record) {
        return InstanceInfo.of(record, configured);
    }

    /** The certificate this connection was served with: public, and what {@code curl --cacert} needs. */
    private static void certificate(Request request, Response response, Callback callback) {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls)
                || tls.sslSession().getLocalCertificates() == null || tls.sslSession().getLocalCertificates().length == 0) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, "the certificate is served over HTTPS only");
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"berth.pem\"");
        send(response, callback, PEM, Pem.certificate(tls.sslSession().getLocalCertificates()[0]));
    }

    private static String clusterJson(InstanceRecord record) {
        return record.cluster() == null ? Json.compact(Map.of("enabled", false)) : Json.compact(record.cluster());
    }

    private static void send(Response response, Callback callback, String contentType, String body) {
        send(response, callback, contentType, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void send(Response response, Callback callback, String contentType, ByteBuffer body) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, body, callback);
    }
}
