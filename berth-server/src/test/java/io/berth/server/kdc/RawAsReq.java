package io.berth.server.kdc;

import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessage;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** Hand-built AS-REQ (Kerby ASN.1 types) sent over raw UDP/TCP, for what MIT's kinit never sends. */
final class RawAsReq {

    private RawAsReq() {
    }

    static byte[] encode(String client, String realm, PaData paData) throws Exception {
        return encode(client, realm, paData,
                List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96));
    }

    static byte[] encode(String client, String realm, PaData paData, List<EncryptionType> etypes)
            throws Exception {
        KdcReqBody body = new KdcReqBody();
        body.setKdcOptions(new KdcOptions());
        body.setCname(new PrincipalName(List.of(client), NameType.NT_PRINCIPAL));
        body.setRealm(realm);
        body.setSname(new PrincipalName(List.of("krbtgt", realm), NameType.NT_SRV_INST));
        body.setTill(new KerberosTime(System.currentTimeMillis() + 3_600_000L));
        body.setNonce(new SecureRandom().nextInt() & 0x7fffffff);
        body.setEtypes(etypes);
        AsReq req = new AsReq();
        req.setReqBody(body);
        if (paData != null) {
            req.setPaData(paData);
        }
        return KrbCodec.encode(req);
    }

    static KrbMessage sendUdp(InetSocketAddress kdc, byte[] request) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(5_000);
            s.send(new DatagramPacket(request, request.length, kdc));
            byte[] buf = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            s.receive(reply);
            return KrbCodec.decodeMessage(ByteBuffer.wrap(Arrays.copyOf(buf, reply.getLength())));
        }
    }

    static KrbMessage sendTcp(InetSocketAddress kdc, byte[] request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(kdc, 5_000);
            s.setSoTimeout(5_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(request.length);
            out.write(request);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] reply = new byte[in.readInt()];
            in.readFully(reply);
            return KrbCodec.decodeMessage(ByteBuffer.wrap(reply));
        }
    }
}
