package io.berth.server.kdc;

import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;

/** Bytes that are not a Kerberos message: the listener drops them and says so once in a while at WARN. */
final class MalformedKdcRequestException extends KrbException {

    private static final long serialVersionUID = 1L;

    MalformedKdcRequestException(int length, String reason) {
        super(KrbErrorCode.KRB_ERR_GENERIC, "not a Kerberos message (" + length + " bytes): " + reason);
    }
}
