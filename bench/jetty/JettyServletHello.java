import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The servlet baseline of issue 18: bare Jetty 12 with its EE10 servlet container, HTTPS + HTTP on
 * loopback, one {@link HttpServlet} in a {@link ServletContextHandler} answering every path with a
 * small text body. Its class path is jetty-ee10-servlet's own dependencies (bench/jetty/pom.xml) and
 * nothing else: no logging provider, so slf4j logs nothing, as the strictest baseline.
 * Usage: java -cp 'servlet-lib/*:.' JettyServletHello HTTPS_PORT HTTP_PORT KEYSTORE PASSWORD
 */
public final class JettyServletHello {

    /** Answers every GET with {@code hello}. */
    public static final class Hello extends HttpServlet {
        private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(200);
            response.setContentType("text/plain; charset=utf-8");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }

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

        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(Hello.class, "/*");
        server.setHandler(context);
        server.start();
        System.out.println("Jetty servlet hello started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        server.join();
    }
}
