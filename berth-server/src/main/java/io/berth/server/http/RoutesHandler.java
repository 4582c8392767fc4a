package io.berth.server.http;

import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.Json;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The instance's routes: {@code /console}, {@code /carbon} (WSO2's console path, redirected),
 * {@code /api/ports}, {@code /api/health}.
 */
final class RoutesHandler extends Handler.Abstract.NonBlocking {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    private final Supplier<InstanceRecord> instance;

    RoutesHandler(Supplier<InstanceRecord> instance) {
        this.instance = instance;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        String path = Request.getPathInContext(request);
        switch (path) {
            case "/", "/carbon", "/carbon/" -> Response.sendRedirect(request, response, callback, "/console");
            case "/console", "/console/" -> send(response, callback, HTML, ConsolePage.render(instance.get()));
            case "/api/ports" -> send(response, callback, JSON, Json.write(instance.get().ports()));
            case "/api/cluster" -> send(response, callback, JSON, clusterJson(instance.get()));
            case "/api/health" -> send(response, callback, JSON,
                    Json.write(Map.of("status", "UP", "state", instance.get().state())));
            default -> Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
        return true;
    }

    private static String clusterJson(InstanceRecord record) {
        return record.cluster() == null ? Json.write(Map.of("enabled", false)) : Json.write(record.cluster());
    }

    private static void send(Response response, Callback callback, String contentType, String body) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }
}
