package io.berth.server.http;

import io.berth.server.host.ProcNet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;

/**
 * Who may read what this instance knows about other bases on the host ({@code /api/instances}: their homes,
 * pids and URLs): only the console of the user who runs this instance. That is a request which
 * <ul>
 * <li>reached a server bound to loopback only (off loopback the route does not exist: 404);</li>
 * <li>came from a loopback connection that the kernel says this same user opened ({@code /proc/net/tcp}), so
 * another local user is refused;</li>
 * <li>was made by this instance's own page ({@code Sec-Fetch-Site: same-origin}, which browsers set and pages
 * cannot forge), so neither another site in the owner's browser nor a script with a stolen URL reads it.</li>
 * </ul>
 * The owner's own shell tools can read the host registry directly; they need no route.
 */
final class LocalOwner {

    /** What a request gets: served, refused (403) or told the route does not exist (404). */
    enum Verdict {
        ALLOWED(HttpStatus.OK_200), FORBIDDEN(HttpStatus.FORBIDDEN_403), ABSENT(HttpStatus.NOT_FOUND_404);

        final int status;

        Verdict(int status) {
            this.status = status;
        }
    }

    private final boolean loopbackBind;
    private final OptionalInt ownUid;

    /** @param loopbackBind whether the HTTP connectors listen on a loopback address only */
    LocalOwner(boolean loopbackBind) {
        this.loopbackBind = loopbackBind;
        this.ownUid = uidOfThisProcess();
    }

    Verdict judge(Request request) {
        if (!loopbackBind) {
            return Verdict.ABSENT;
        }
        SocketAddress local = request.getConnectionMetaData().getLocalSocketAddress();
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(local instanceof InetSocketAddress server) || !(remote instanceof InetSocketAddress client)
                || !client.getAddress().isLoopbackAddress()) {
            return Verdict.FORBIDDEN;
        }
        if (!"same-origin".equals(request.getHeaders().get("Sec-Fetch-Site"))) {
            return Verdict.FORBIDDEN;
        }
        OptionalInt clientUid = ProcNet.tcpConnectionOwner(client, server);
        return ownUid.isPresent() && clientUid.equals(ownUid) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
    }

    private static OptionalInt uidOfThisProcess() {
        try {
            return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException notUnix) {
            return OptionalInt.empty();
        }
    }
}
