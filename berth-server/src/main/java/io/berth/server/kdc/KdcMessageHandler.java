package io.berth.server.kdc;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.KdcContext;
import org.apache.kerby.kerberos.kerb.server.KdcHandler;
import org.apache.kerby.kerberos.kerb.server.request.ServiceTicketIssuer;
import org.apache.kerby.kerberos.kerb.server.request.TgsRequest;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessage;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsReq;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;

/**
 * Kerby's request engine with two things put right in front of it:
 * <ul>
 * <li>input that is not a Kerberos message is refused here ({@link MalformedKdcRequestException}), before
 * Kerby, which would log each one at ERROR with a stack trace;</li>
 * <li>a TGS request with the {@code RENEW} option gets a renewed ticket with the times of {@link TicketRenewal};
 * every other request goes to Kerby unchanged.</li>
 * </ul>
 */
final class KdcMessageHandler extends KdcHandler {

    private final KdcContext context;

    KdcMessageHandler(KdcContext context) {
        super(context);
        this.context = context;
    }

    /**
     * @throws MalformedKdcRequestException when {@code message} does not decode as a Kerberos message
     */
    @Override
    public ByteBuffer handleMessage(ByteBuffer message, boolean tcp, InetAddress client) throws KrbException {
        KrbMessage decoded;
        try {
            decoded = KrbCodec.decodeMessage(message.duplicate());
        } catch (IOException | RuntimeException e) {
            throw new MalformedKdcRequestException(message.remaining(), e.getMessage());
        }
        if (decoded instanceof TgsReq tgs && tgs.getReqBody().getKdcOptions().isFlagSet(KdcOption.RENEW)
                && context.getKdcRealm().equals(tgs.getReqBody().getRealm())) {
            return renew(tgs, message, tcp, client);
        }
        return super.handleMessage(message, tcp, client);
    }

    private ByteBuffer renew(TgsReq tgs, ByteBuffer message, boolean tcp, InetAddress client) throws KrbException {
        TgsRequest request = new TgsRequest(tgs, context) {
            @Override
            protected void issueTicket() throws KrbException {
                TgsRequest self = this;
                setTicket(new ServiceTicketIssuer(this) {
                    @Override
                    public EncTicketPart makeEncTicketPart() throws KrbException {
                        EncTicketPart renewed = super.makeEncTicketPart();
                        TicketRenewal.apply(renewed, self.getTgtTicket().getEncPart(), KerberosTime.now());
                        return renewed;
                    }
                }.issueTicket());
            }
        };
        request.setReqPackage(message.duplicate());
        request.setClientAddress(client);
        request.isTcp(tcp);
        KrbMessage reply;
        try {
            request.process();
            reply = request.getReply();
        } catch (KrbException e) {
            reply = error(e.getKrbErrorCode() == null ? KrbErrorCode.KRB_ERR_GENERIC : e.getKrbErrorCode(), tgs);
        }
        return encode(reply, tcp);
    }

    private KrbError error(KrbErrorCode code, TgsReq tgs) {
        KrbError error = new KrbError();
        error.setStime(KerberosTime.now());
        error.setSusec(0);
        error.setErrorCode(code);
        error.setCrealm(context.getKdcRealm());
        error.setRealm(context.getKdcRealm());
        if (tgs.getReqBody().getSname() != null) {
            error.setSname(tgs.getReqBody().getSname());
        }
        return error;
    }

    /** As Kerby frames it: over TCP a four-byte length first (RFC 4120 7.2.2). */
    private static ByteBuffer encode(KrbMessage reply, boolean tcp) throws KrbException {
        int length = reply.encodingLength();
        ByteBuffer out = ByteBuffer.allocate(length + (tcp ? 4 : 0));
        if (tcp) {
            out.putInt(length);
        }
        KrbCodec.encode(reply, out);
        out.flip();
        return out;
    }
}
