package io.berth.server.thrift;

/** XACML request documents for the tests, in the forms WSO2's clients send. */
final class XacmlRequests {
    private XacmlRequests() {
    }

    static String request(String subject, String resource, String action) {
        StringBuilder xml = new StringBuilder()
                .append("<Request xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\"")
                .append(" CombinedDecision=\"false\" ReturnPolicyIdList=\"false\">");
        attribute(xml, "urn:oasis:names:tc:xacml:1.0:subject-category:access-subject",
                "urn:oasis:names:tc:xacml:1.0:subject:subject-id", subject);
        attribute(xml, "urn:oasis:names:tc:xacml:3.0:attribute-category:resource",
                "urn:oasis:names:tc:xacml:1.0:resource:resource-id", resource);
        attribute(xml, "urn:oasis:names:tc:xacml:3.0:attribute-category:action",
                "urn:oasis:names:tc:xacml:1.0:action:action-id", action);
        return xml.append("</Request>").toString();
    }

    private static void attribute(StringBuilder xml, String category, String id, String value) {
        if (value == null) {
            return;
        }
        xml.append("<Attributes Category=\"").append(category).append("\">")
                .append("<Attribute AttributeId=\"").append(id).append("\" IncludeInResult=\"false\">")
                .append("<AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">")
                .append(value).append("</AttributeValue></Attribute></Attributes>");
    }

    /**
     * What WSO2's PEP proxy (XACMLRequetBuilder.buildXACML3Request) sends: its root carries the
     * namespace in an attribute misspelt {@code xlmns}, so the document has no namespace at all.
     */
    static String pepProxyRequest(String subject, String resource, String action) {
        return request(subject, resource, action).replace("<Request xmlns=", "<Request xlmns=");
    }

    /** A XACML 2.0 request, as WSO2's samples write them; one Resource element per resource-id given. */
    static String xacml2(String subject, String action, String... resources) {
        StringBuilder xml = new StringBuilder("<Request xmlns=\"urn:oasis:names:tc:xacml:2.0:context:schema:os\">")
                .append("<Subject><Attribute AttributeId=\"urn:oasis:names:tc:xacml:1.0:subject:subject-id\"")
                .append(" DataType=\"http://www.w3.org/2001/XMLSchema#string\"><AttributeValue>").append(subject)
                .append("</AttributeValue></Attribute></Subject>");
        for (String resource : resources) {
            xml.append("<Resource><Attribute AttributeId=\"urn:oasis:names:tc:xacml:1.0:resource:resource-id\"")
                    .append(" DataType=\"http://www.w3.org/2001/XMLSchema#string\"><AttributeValue>").append(resource)
                    .append("</AttributeValue></Attribute></Resource>");
        }
        return xml.append("<Action><Attribute AttributeId=\"urn:oasis:names:tc:xacml:1.0:action:action-id\"")
                .append(" DataType=\"http://www.w3.org/2001/XMLSchema#string\"><AttributeValue>").append(action)
                .append("</AttributeValue></Attribute></Action><Environment/></Request>").toString();
    }

    static final String XXE = """
            <?xml version="1.0"?>
            <!DOCTYPE Request [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <Request xmlns="urn:oasis:names:tc:xacml:3.0:core:schema:wd-17">
              <Attributes Category="urn:oasis:names:tc:xacml:1.0:subject-category:access-subject">
                <Attribute AttributeId="urn:oasis:names:tc:xacml:1.0:subject:subject-id" IncludeInResult="false">
                  <AttributeValue DataType="http://www.w3.org/2001/XMLSchema#string">&xxe;</AttributeValue>
                </Attribute>
              </Attributes>
            </Request>
            """;

    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <Request xmlns="urn:oasis:names:tc:xacml:3.0:core:schema:wd-17">&lol9;</Request>
            """;

    static final String XINCLUDE = """
            <Request xmlns="urn:oasis:names:tc:xacml:3.0:core:schema:wd-17"
                     xmlns:xi="http://www.w3.org/2001/XInclude">
              <xi:include href="file:///etc/passwd" parse="text"/>
            </Request>
            """;
}
