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
        RequestAttributes a = only(parser.parse(request(
                attributes(Xacml.CATEGORY_SUBJECT, Xacml.SUBJECT_ID, " alice ")
                        + attributes(Xacml.CATEGORY_RESOURCE, Xacml.RESOURCE_ID, "/r")
                        // an action-id in the wrong category does not count
                        + attributes(Xacml.CATEGORY_ENVIRONMENT, Xacml.ACTION_ID, "read"))));
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
        assertEquals(Xacml.STATUS_SYNTAX_ERROR, r.results().get(0).statusCode());
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
        String xml = XacmlResponse.of(XacmlVersion.V3_0,
                XacmlResult.indeterminate(Xacml.STATUS_SYNTAX_ERROR, "<a & \"b\">")).toXml();
        assertTrue(xml.contains("<StatusMessage>&lt;a &amp; &quot;b&quot;&gt;</StatusMessage>"), xml);
    }

    private static RequestAttributes only(XacmlRequest request) {
        assertEquals(1, request.individuals().size(), request.toString());
        return request.individuals().get(0);
    }

    @Test
    void aRequestWithoutNamespaceIsXacml3AsBalanaReadsIt() throws Exception {
        XacmlRequest r = parser.parse("<Request xlmns=\"" + Xacml.NAMESPACE + "\">"
                + attributes(Xacml.CATEGORY_SUBJECT, Xacml.SUBJECT_ID, "alice") + "</Request>");
        assertEquals(XacmlVersion.V3_0, r.version());
        assertEquals(List.of("alice"), only(r).subjectIds());
    }

    @Test
    void xacml1And2ContextsAreVersion2() throws Exception {
        for (String ns : List.of(Xacml.CONTEXT_2_0, Xacml.CONTEXT_1_0)) {
            XacmlRequest r = parser.parse("<Request xmlns=\"" + ns + "\"><Subject><Attribute AttributeId=\""
                    + Xacml.SUBJECT_ID + "\"><AttributeValue>bob</AttributeValue></Attribute></Subject>"
                    + "<Resource><Attribute AttributeId=\"" + Xacml.RESOURCE_ID + "\"><AttributeValue>/r</AttributeValue>"
                    + "</Attribute></Resource><Action><Attribute AttributeId=\"" + Xacml.ACTION_ID + "\">"
                    + "<AttributeValue>read</AttributeValue></Attribute></Action><Environment/></Request>");
            assertEquals(XacmlVersion.V2_0, r.version());
            assertEquals(new RequestAttributes(List.of("bob"), List.of("/r"), List.of("read")), only(r));
        }
    }

    @Test
    void multiRequestsPicksAttributesByXmlId() throws Exception {
        String body = attributes(Xacml.CATEGORY_SUBJECT, Xacml.SUBJECT_ID, "alice").replace("<Attributes ", "<Attributes xml:id=\"s\" ")
                + attributes(Xacml.CATEGORY_RESOURCE, Xacml.RESOURCE_ID, "/a").replace("<Attributes ", "<Attributes xml:id=\"a\" ")
                + attributes(Xacml.CATEGORY_RESOURCE, Xacml.RESOURCE_ID, "/b").replace("<Attributes ", "<Attributes xml:id=\"b\" ")
                + "<MultiRequests><RequestReference><AttributesReference ReferenceId=\"s\"/><AttributesReference ReferenceId=\"a\"/>"
                + "</RequestReference><RequestReference><AttributesReference ReferenceId=\"s\"/>"
                + "<AttributesReference ReferenceId=\"b\"/></RequestReference></MultiRequests>";
        XacmlRequest r = parser.parse(request(body));
        assertEquals(2, r.individuals().size());
        assertEquals(List.of("/a"), r.individuals().get(0).resourceIds());
        assertEquals(List.of("/b"), r.individuals().get(1).resourceIds());
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> parser.parse(request(body.replace("ReferenceId=\"b\"", "ReferenceId=\"zz\""))));
        assertTrue(e.getMessage().contains("'zz'"), e.getMessage());
    }

    @Test
    void theCrossProductOfRepeatedCategoriesIsBounded() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            body.append(attributes(Xacml.CATEGORY_SUBJECT, Xacml.SUBJECT_ID, "s" + i))
                    .append(attributes(Xacml.CATEGORY_RESOURCE, Xacml.RESOURCE_ID, "/r" + i));
        }
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> new XacmlRequestParser(64 * 1024).parse(request(body.toString())));
        assertTrue(e.getMessage().contains("the limit is " + XacmlRequestParser.MAX_INDIVIDUAL_REQUESTS), e.getMessage());
    }
}
