package io.berth.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console's CSS, JavaScript and icon, served from the classpath by the instance itself (no CDN). Each
 * asset is read once; its URL carries a hash of its content, so browsers may cache it for long.
 */
final class StaticAssets {

    /** An asset in memory, named by the URL the page links to. */
    record Asset(String path, String contentType, byte[] body, String hash) {

        /** The URL the page links to: the path with the content hash, so a new build is never served stale. */
        String versionedPath() {
            return path + "?v=" + hash;
        }
    }

    static final String CSS = "/console/console.css";
    static final String JS = "/console/console.js";
    static final String ICON = "/console/favicon.svg";

    private static final Map<String, Asset> ASSETS = Map.of(
            CSS, load(CSS, "console/console.css", "text/css; charset=utf-8"),
            JS, load(JS, "console/console.js", "text/javascript; charset=utf-8"),
            ICON, load(ICON, "console/favicon.svg", "image/svg+xml"));

    private StaticAssets() {
    }

    static Asset get(String path) {
        return ASSETS.get(path);
    }

    static void send(Asset asset, Request request, Response response, Callback callback) {
        String etag = "\"" + asset.hash() + "\"";
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=86400");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (etag.equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
        response.write(true, ByteBuffer.wrap(asset.body()), callback);
    }

    private static Asset load(String path, String resource, String contentType) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("console asset " + resource + " is missing from the classpath");
            }
            byte[] body = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new Asset(path, contentType, body, HexFormat.of().formatHex(digest, 0, 8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console asset " + resource + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
