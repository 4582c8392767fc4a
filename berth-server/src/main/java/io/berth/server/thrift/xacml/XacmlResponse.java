package io.berth.server.thrift.xacml;

import java.util.List;
import java.util.Objects;

/**
 * A Response document in the request's version, written as WSO2 Identity Server's PDP (Balana)
 * writes it, since WSO2's PEP clients read these strings: 3.0 in the core namespace, 2.0 without
 * a namespace, each Result as {@code <Decision>} then {@code <Status>}.
 */
public record XacmlResponse(XacmlVersion version, List<XacmlResult> results) {

    public XacmlResponse {
        Objects.requireNonNull(version, "version");
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a response has at least one result");
        }
    }

    public static XacmlResponse of(XacmlVersion version, XacmlResult result) {
        return new XacmlResponse(version, List.of(result));
    }

    /** The decision of a response with one result (the common case); the first result's otherwise. */
    public Decision decision() {
        return results.get(0).decision();
    }

    public String toXml() {
        StringBuilder xml = new StringBuilder(256).append("<Response");
        if (version == XacmlVersion.V3_0) {
            xml.append(" xmlns=\"").append(Xacml.NAMESPACE).append('"');
        }
        xml.append('>');
        for (XacmlResult result : results) {
            result(xml, result);
        }
        return xml.append("</Response>").toString();
    }

    private void result(StringBuilder xml, XacmlResult result) {
        xml.append("<Result");
        if (version == XacmlVersion.V2_0 && result.resourceId() != null) {
            xml.append(" ResourceId=\"").append(escape(result.resourceId())).append('"');
        }
        xml.append("><Decision>").append(result.decision().xacmlName()).append("</Decision>")
                .append("<Status><StatusCode Value=\"").append(escape(result.statusCode())).append("\"/>");
        if (result.statusMessage() != null) {
            xml.append("<StatusMessage>").append(escape(result.statusMessage())).append("</StatusMessage>");
        }
        xml.append("</Status>");
        if (version == XacmlVersion.V3_0) {
            for (RequestAttributes.EchoedAttributes attributes : result.echoed()) {
                echo(xml, attributes);
            }
        }
        xml.append("</Result>");
    }

    private static void echo(StringBuilder xml, RequestAttributes.EchoedAttributes attributes) {
        xml.append("<Attributes Category=\"").append(escape(attributes.category())).append("\">");
        for (RequestAttributes.EchoedAttribute attribute : attributes.attributes()) {
            xml.append("<Attribute AttributeId=\"").append(escape(attribute.attributeId())).append('"');
            if (attribute.issuer() != null) {
                xml.append(" Issuer=\"").append(escape(attribute.issuer())).append('"');
            }
            xml.append(" IncludeInResult=\"true\">");
            for (String value : attribute.values()) {
                xml.append("<AttributeValue DataType=\"")
                        .append(escape(attribute.dataType() == null ? Xacml.STRING : attribute.dataType()))
                        .append("\">").append(escape(value)).append("</AttributeValue>");
            }
            xml.append("</Attribute>");
        }
        xml.append("</Attributes>");
    }

    /** Escapes text for both element content and double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
