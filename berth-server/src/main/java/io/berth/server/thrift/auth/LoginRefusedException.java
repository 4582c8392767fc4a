package io.berth.server.thrift.auth;

/** A login that did not give a session; {@link #reason()} says whether trying again can help. */
public final class LoginRefusedException extends Exception {

    /** Why a login was refused. */
    public enum Reason {
        /** No user name or no password. */
        MISSING_CREDENTIALS,
        /** Unknown user or wrong password: the two are not told apart. */
        BAD_CREDENTIALS,
        /** The caller's address failed too often; no password was checked. */
        THROTTLED,
        /** Too many logins are being checked at once, or the service is not started. */
        BUSY
    }

    private final Reason reason;

    public LoginRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
