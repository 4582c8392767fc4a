package io.berth.server.thrift.xacml;

/** One XACML 3.0 Result; {@link #toXml()} renders the Response document returned to the client. */
public record XacmlResponse(Decision decision, String statusCode, String statusMessage) {

    public static XacmlResponse of(Decision decision) {
        return new XacmlResponse(decision, Xacml.STATUS_OK, null);
    }

    public static XacmlResponse indeterminate(String statusCode, String statusMessage) {
        return new XacmlResponse(Decision.INDETERMINATE, statusCode, statusMessage);
    }

    public String toXml() {
        StringBuilder xml = new StringBuilder(256)
                .append("<Response xmlns=\"").append(Xacml.NAMESPACE).append("\">")
                .append("<Result><Decision>").append(decision.xacmlName()).append("</Decision>")
                .append("<Status><StatusCode Value=\"").append(escape(statusCode)).append("\"/>");
        if (statusMessage != null) {
            xml.append("<StatusMessage>").append(escape(statusMessage)).append("</StatusMessage>");
        }
        return xml.append("</Status></Result></Response>").toString();
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
