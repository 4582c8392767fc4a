package io.berth.server.kdc;

import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.KdcRecoverableException;
import org.apache.kerby.kerberos.kerb.server.preauth.PreauthHandler;
import org.apache.kerby.kerberos.kerb.server.request.AsRequest;
import org.apache.kerby.kerberos.kerb.server.request.KdcRequest;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2Entry;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.MethodData;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;

import java.util.List;

/**
 * Makes encrypted-timestamp pre-authentication mandatory for every AS request.
 *
 * <p>Why: Kerby only demands pre-authentication when the request carries no padata at all. A request
 * with any padata it has no plugin for (e.g. just PA-PAC-REQUEST) is treated as pre-authenticated and
 * gets a ticket, which hands out material for offline password guessing ("AS-REP roasting"). Token and
 * PKINIT pre-authentication are not configured in Berth, so they are refused as well.
 *
 * <p>A refused request gets KDC_ERR_PREAUTH_REQUIRED with PA-ETYPE-INFO2, exactly what MIT clients
 * expect before retrying with PA-ENC-TIMESTAMP. The timestamp itself is still verified by Kerby's
 * built-in plugin (decryption with the client's key, clock skew check).
 */
final class StrictPreauthHandler extends PreauthHandler {

    @Override
    public void verify(KdcRequest kdcRequest, PaData paData) throws KrbException {
        if (kdcRequest instanceof AsRequest && !hasOnlySupportedProof(paData)) {
            throw new KdcRecoverableException(preauthRequired(kdcRequest));
        }
        super.verify(kdcRequest, paData);
    }

    private static boolean hasOnlySupportedProof(PaData paData) {
        boolean encTimestamp = false;
        for (PaDataEntry e : paData.getElements()) {
            PaDataType type = e.getPaDataType();
            if (type == PaDataType.ENC_TIMESTAMP) {
                encTimestamp = true;
            } else if (type == PaDataType.TOKEN_REQUEST || type == PaDataType.PK_AS_REQ
                    || type == PaDataType.FX_FAST) {
                // Alternative proofs Berth does not configure: never let them stand in for a password.
                return false;
            }
        }
        return encTimestamp;
    }

    /** KDC_ERR_PREAUTH_REQUIRED listing the key types (with default salt) the client may use. */
    private static KrbError preauthRequired(KdcRequest request) throws KrbException {
        List<EncryptionType> offered = request.getKdcReq().getReqBody().getEtypes();
        EtypeInfo2 info = new EtypeInfo2();
        for (EncryptionType type : request.getKdcContext().getConfig().getEncryptionTypes()) {
            if (offered != null && offered.contains(type)) {
                EtypeInfo2Entry entry = new EtypeInfo2Entry();
                entry.setEtype(type);
                info.add(entry);
            }
        }
        MethodData methods = new MethodData();
        methods.add(new PaDataEntry(PaDataType.ETYPE_INFO2, KrbCodec.encode(info)));
        methods.add(new PaDataEntry(PaDataType.ENC_TIMESTAMP, new byte[0]));
        KrbError error = new KrbError();
        error.setErrorCode(KrbErrorCode.KDC_ERR_PREAUTH_REQUIRED);
        error.setEdata(KrbCodec.encode(methods));
        return error;
    }
}
