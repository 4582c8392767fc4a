import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The benchmark baseline: bare Jetty 12, HTTPS + HTTP on loopback, answering every path with a small
 * text body, and /asset with the bytes of ASSET_FILE when given.
 * Usage: java -cp 'lib/*:.' JettyHello HTTPS_PORT HTTP_PORT KEYSTORE PASSWORD [ASSET_FILE]
 */
public final class JettyHello {
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory(http));
        plain.setHost("127.0.0.1");
        plain.setPort(Integer.parseInt(args[1]));

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(args[2]);
        tls.setKeyStorePassword(args[3]);
        HttpConfiguration httpsConfig = new HttpConfiguration(http);
        httpsConfig.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector secure = new ServerConnector(server,
                new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(httpsConfig));
        secure.setHost("127.0.0.1");
        secure.setPort(Integer.parseInt(args[0]));
        server.addConnector(plain);
        server.addConnector(secure);

        ByteBuffer hello = ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.UTF_8));
        // With a fifth argument, /asset answers that file's bytes: a static file of the same size as Berth's.
        ByteBuffer asset = args.length > 4 ? ByteBuffer.wrap(Files.readAllBytes(Path.of(args[4]))) : hello;
        // Declared non-blocking, as Berth's routes are, so both run on the same Jetty execution path.
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                ByteBuffer body = Request.getPathInContext(request).equals("/asset") ? asset : hello;
                response.write(true, body.slice(), callback);
                return true;
            }
        });
        server.start();
        System.out.println("Jetty hello started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        server.join();
    }
}
