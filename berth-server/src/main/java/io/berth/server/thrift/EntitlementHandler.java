package io.berth.server.thrift;

import io.berth.server.thrift.auth.EntitlementLogin;
import io.berth.server.thrift.generated.EntitlementException;
import io.berth.server.thrift.generated.EntitlementService;
import io.berth.server.thrift.transport.RateLimitedWarning;
import io.berth.server.thrift.xacml.DecisionService;
import io.berth.server.thrift.xacml.Decision;
import io.berth.server.thrift.xacml.Xacml;
import io.berth.server.thrift.xacml.XacmlResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * WSO2's ThriftEntitlementServiceImpl: checks the session, then decides. A call with an unknown
 * or expired session is answered as WSO2 answers it, with an {@link EntitlementException} whose
 * message begins with WSO2's own text (on which WSO2's PEP proxy logs in again and retries). A
 * request the PDP cannot read is answered Indeterminate, as WSO2's PDP answers it. Nothing here
 * may take the worker down.
 */
final class EntitlementHandler implements EntitlementService.Iface {
    /** WSO2's message for every refused Thrift entitlement call. */
    static final String WSO2_ERROR = "Error occurred when invoking the Thrift based Entitlement Service.";
    static final String NOT_AUTHENTICATED = WSO2_ERROR + " User is not authenticated. Please login first.";
    private static final System.Logger LOG = System.getLogger(EntitlementHandler.class.getName());

    private final EntitlementLogin login;
    private final DecisionService decisions;
    private final RateLimitedWarning unreadable = new RateLimitedWarning(LOG, Duration.ofSeconds(60), Clock.systemUTC());

    EntitlementHandler(EntitlementLogin login, DecisionService decisions) {
        this.login = login;
        this.decisions = decisions;
    }

    @Override
    public String getDecision(String request, String sessionId) throws EntitlementException {
        requireSession(sessionId);
        try {
            XacmlResponse response = decisions.decide(request);
            if (response.decision() == Decision.INDETERMINATE
                    && Xacml.STATUS_SYNTAX_ERROR.equals(response.results().get(0).statusCode())) {
                unreadable.warn("Thrift entitlement: answered an unreadable XACML request Indeterminate: "
                        + response.results().get(0).statusMessage());
            }
            return response.toXml();
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    @Override
    public String getDecisionByAttributes(String subject, String resource, String action, List<String> environment,
            String sessionId) throws EntitlementException {
        requireSession(sessionId);
        try {
            return decisions.decide(subject, resource, action).toXml();
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private void requireSession(String sessionId) throws EntitlementException {
        if (!login.isAuthenticated(sessionId)) {
            throw new EntitlementException(NOT_AUTHENTICATED);
        }
    }

    private String failed(RuntimeException e) throws EntitlementException {
        unreadable.warn("Thrift entitlement: a decision failed: " + e);
        throw new EntitlementException(WSO2_ERROR);
    }
}
