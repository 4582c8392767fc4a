package io.berth.server.thrift.xacml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class XacmlRequestParserTest {
    private final XacmlRequestParser parser = new XacmlRequestParser(4096);

    private static String attributes(String category, String id, String... values) {
        StringBuilder xml = new StringBuilder("<Attributes Category=\"" + category + "\"><Attribute AttributeId=\""
                + id + "\" IncludeInResult=\"false\">");
        for (String v : values) {
            xml.append("<AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">").append(v)
                    .append("</AttributeValue>");
        }
        return xml.append("</Attribute></Attributes>").toString();
    }

    private static String request(String body) {
        return "<Request xmlns=\"" + Xacml.NAMESPACE + "\">" + body + "</Request>";
    }

    @Test
    void readsIdsOnlyFromTheirCategory() throws Exception {
        RequestAttributes a = parser.parse(request(
                attributes(Xacml.CATEGORY_SUBJECT, Xacml.SUBJECT_ID, " alice ")
                        + attributes(Xacml.CATEGORY_RESOURCE, Xacml.RESOURCE_ID, "/r")
                        // an action-id in the wrong category does not count
                        + attributes(Xacml.CATEGORY_RESOURCE, Xacml.ACTION_ID, "read")));
        assertEquals(List.of("alice"), a.subjectIds());
        assertEquals(List.of("/r"), a.resourceIds());
        assertEquals(List.of(), a.actionIds());
    }

    @Test
    void multipleValuesAreIndeterminateSyntaxError() throws Exception {
        DecisionService service = new DecisionService(parser, new PolicySet(List.of()));
        XacmlResponse r = service.decide(request(
                attributes(Xacml.CATEGORY_SUBJECT, Xacml.SUBJECT_ID, "a", "b")
                        + attributes(Xacml.CATEGORY_RESOURCE, Xacml.RESOURCE_ID, "/r")
                        + attributes(Xacml.CATEGORY_ACTION, Xacml.ACTION_ID, "read")));
        assertEquals(Decision.INDETERMINATE, r.decision());
        assertEquals(Xacml.STATUS_SYNTAX_ERROR, r.statusCode());
    }

    @Test
    void sizeLimitCountsUtf8Bytes() {
        String body = "<!--" + "é".repeat(2100) + "-->"; // 2100 chars, 4200 bytes
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(request(body)));
        assertTrue(e.getMessage().contains("limit of 4096 bytes"), e.getMessage());
    }

    @Test
    void doctypeIsRefusedEvenWithoutEntities() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> parser.parse("<!DOCTYPE Request><Request xmlns=\"" + Xacml.NAMESPACE + "\"/>"));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void responseEscapesStatusMessage() {
        String xml = XacmlResponse.indeterminate(Xacml.STATUS_SYNTAX_ERROR, "<a & \"b\">").toXml();
        assertTrue(xml.contains("<StatusMessage>&lt;a &amp; &quot;b&quot;&gt;</StatusMessage>"), xml);
    }
}
