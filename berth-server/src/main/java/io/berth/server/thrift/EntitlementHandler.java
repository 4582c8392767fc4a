package io.berth.server.thrift;

import io.berth.server.thrift.auth.SessionStore;
import io.berth.server.thrift.auth.UserStore;
import io.berth.server.thrift.generated.AuthenticatorService;
import io.berth.server.thrift.generated.EntitlementException;
import io.berth.server.thrift.generated.EntitlementService;
import io.berth.server.thrift.xacml.DecisionService;
import io.berth.server.thrift.xacml.InvalidRequestException;
import java.lang.System.Logger.Level;

/**
 * Implements both Thrift services. Every failure leaves as an {@link EntitlementException} so
 * the client gets an answer and the connection stays usable; nothing here is allowed to take
 * the worker down.
 */
final class EntitlementHandler implements AuthenticatorService.Iface, EntitlementService.Iface {
    private static final System.Logger LOG = System.getLogger(EntitlementHandler.class.getName());
    private static final int MAX_ECHOED_CHARS = 64;

    private final UserStore users;
    private final SessionStore sessions;
    private final DecisionService decisions;

    EntitlementHandler(UserStore users, SessionStore sessions, DecisionService decisions) {
        this.users = users;
        this.sessions = sessions;
        this.decisions = decisions;
    }

    @Override
    public String authenticate(String userName, String password) throws EntitlementException {
        if (userName == null || userName.isEmpty() || password == null || password.isEmpty()) {
            throw new EntitlementException("userName and password are required");
        }
        if (!users.verify(userName, password)) {
            LOG.log(Level.WARNING, "Failed Thrift entitlement login for user ''{0}''", printable(userName));
            throw new EntitlementException("Authentication failed for user '" + printable(userName) + "'");
        }
        try {
            return sessions.create(userName);
        } catch (IllegalStateException e) {
            throw new EntitlementException("Cannot open a session for user '" + printable(userName) + "': "
                    + e.getMessage());
        }
    }

    @Override
    public String getDecision(String request, String sessionId) throws EntitlementException {
        if (sessions.touch(sessionId).isEmpty()) {
            throw new EntitlementException("Unknown or expired session id; call AuthenticatorService.authenticate");
        }
        try {
            return decisions.decide(request).toXml();
        } catch (InvalidRequestException e) {
            throw new EntitlementException("Rejected XACML request: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Thrift entitlement decision failed", e);
            throw new EntitlementException("Internal error while evaluating the XACML request");
        }
    }

    /** Keeps client-supplied text from forging log lines or flooding replies. */
    static String printable(String text) {
        String cut = text.length() > MAX_ECHOED_CHARS ? text.substring(0, MAX_ECHOED_CHARS) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
