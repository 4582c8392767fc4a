package io.berth.server.kdc;

import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;

/**
 * The times of a renewed ticket (RFC 4120 3.3.3.1, as MIT's KDC gives them): it starts now, lasts as long as
 * the ticket it renews did, but never past that ticket's renew-till, which it keeps. Kerby 2.1.1 instead
 * takes the end time the client sent (the old one) and cuts renew-till down to it, so {@code kinit -R}
 * gained nothing.
 */
final class TicketRenewal {

    private TicketRenewal() {
    }

    /**
     * Sets the start, end and renew-till times and the renewable flag of {@code renewed} from {@code old}.
     *
     * @param old the ticket presented for renewal, already decrypted and checked unexpired by Kerby
     * @throws KrbException {@code KDC_ERR_BADOPTION} when {@code old} is not renewable,
     *                      {@code KRB_AP_ERR_TKT_EXPIRED} when its renew-till has passed
     */
    static void apply(EncTicketPart renewed, EncTicketPart old, KerberosTime now) throws KrbException {
        KerberosTime renewTill = old.getRenewtill();
        if (!old.getFlags().isFlagSet(TicketFlag.RENEWABLE) || renewTill == null) {
            throw new KrbException(KrbErrorCode.KDC_ERR_BADOPTION, "the ticket to renew is not renewable");
        }
        if (!renewTill.greaterThan(now)) {
            throw new KrbException(KrbErrorCode.KRB_AP_ERR_TKT_EXPIRED, "the ticket's renew-till has passed");
        }
        KerberosTime oldStart = old.getStartTime() != null ? old.getStartTime() : old.getAuthTime();
        long lifetime = old.getEndTime().getTime() - oldStart.getTime();
        renewed.setAuthTime(old.getAuthTime());
        renewed.setStartTime(now);
        renewed.setEndTime(new KerberosTime(Math.min(now.getTime() + lifetime, renewTill.getTime())));
        renewed.getFlags().setFlag(TicketFlag.RENEWABLE);
        renewed.setRenewtill(renewTill);
    }
}
