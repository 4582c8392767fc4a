package io.berth.server.thrift.xacml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a XACML Request document into its individual requests: XACML 3.0 (in the core namespace,
 * or in none, as WSO2's PEP proxy sends it) with the multiple decision profile's repeated
 * categories and {@code MultiRequests}, and XACML 2.0 (and 1.0) with one decision per
 * {@code Resource}. The request comes from the network, so the parser refuses DOCTYPEs outright
 * (no entity expansion, no billion laughs, no XXE), never fetches anything external, caps the
 * document size before parsing starts and the number of individual requests after.
 */
public final class XacmlRequestParser {
    /** Individual requests one document may ask for; a cross product of repeated categories grows fast. */
    public static final int MAX_INDIVIDUAL_REQUESTS = 100;

    private final int maxRequestBytes;
    private final DocumentBuilderFactory factory;

    public XacmlRequestParser(int maxRequestBytes) {
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive, got " + maxRequestBytes);
        }
        this.maxRequestBytes = maxRequestBytes;
        this.factory = secureFactory();
    }

    /** @throws InvalidRequestException naming what is wrong with a document Berth will not evaluate */
    public XacmlRequest parse(String request) throws InvalidRequestException {
        if (request == null || request.isBlank()) {
            throw new InvalidRequestException("XACML request is empty");
        }
        // A char is at least one UTF-8 byte: the cheap length test rejects the huge ones before encoding.
        if (request.length() > maxRequestBytes
                || request.getBytes(StandardCharsets.UTF_8).length > maxRequestBytes) {
            throw new InvalidRequestException("XACML request is larger than the limit of " + maxRequestBytes + " bytes");
        }
        Element root = parseDocument(request).getDocumentElement();
        XacmlVersion version = XacmlVersion.ofNamespace(root.getNamespaceURI());
        if (version == null || !"Request".equals(root.getLocalName())) {
            throw new InvalidRequestException("XACML request root element must be Request in namespace "
                    + Xacml.NAMESPACE + ", " + Xacml.CONTEXT_2_0 + " or none, got " + qualifiedName(root));
        }
        return new XacmlRequest(version, version == XacmlVersion.V3_0 ? individuals3(root) : individuals2(root));
    }

    /** XACML 3.0: each Attributes element is one category; a category given twice multiplies the requests. */
    private static List<RequestAttributes> individuals3(Element root) throws InvalidRequestException {
        List<Element> all = children(root, "Attributes");
        List<List<Element>> combinations;
        List<Element> multi = children(root, "MultiRequests");
        if (!multi.isEmpty()) {
            combinations = referenced(multi.get(0), all);
        } else {
            Map<String, List<Element>> byCategory = new LinkedHashMap<>();
            for (Element attributes : all) {
                byCategory.computeIfAbsent(attributes.getAttribute("Category"), c -> new ArrayList<>()).add(attributes);
            }
            long count = 1;
            for (List<Element> same : byCategory.values()) {
                count *= same.size();
                if (count > MAX_INDIVIDUAL_REQUESTS) {
                    throw tooMany(count);
                }
            }
            combinations = new ArrayList<>();
            combinations.add(List.of());
            for (List<Element> same : byCategory.values()) {
                List<List<Element>> next = new ArrayList<>();
                for (List<Element> prefix : combinations) {
                    for (Element attributes : same) {
                        List<Element> extended = new ArrayList<>(prefix);
                        extended.add(attributes);
                        next.add(extended);
                    }
                }
                combinations = next;
            }
        }
        List<RequestAttributes> individuals = new ArrayList<>();
        for (List<Element> combination : combinations) {
            individuals.add(new RequestAttributes(
                    values3(combination, Xacml.CATEGORY_SUBJECT, Xacml.SUBJECT_ID),
                    values3(combination, Xacml.CATEGORY_RESOURCE, Xacml.RESOURCE_ID),
                    values3(combination, Xacml.CATEGORY_ACTION, Xacml.ACTION_ID),
                    echoed(combination), null));
        }
        return individuals;
    }

    /** {@code <MultiRequests><RequestReference><AttributesReference ReferenceId="..."/>}: Attributes by xml:id. */
    private static List<List<Element>> referenced(Element multi, List<Element> all) throws InvalidRequestException {
        Map<String, Element> byId = new LinkedHashMap<>();
        for (Element attributes : all) {
            String id = attributes.getAttributeNS(XMLConstants.XML_NS_URI, "id");
            if (!id.isEmpty()) {
                byId.put(id, attributes);
            }
        }
        List<List<Element>> combinations = new ArrayList<>();
        for (Element reference : children(multi, "RequestReference")) {
            if (combinations.size() >= MAX_INDIVIDUAL_REQUESTS) {
                throw tooMany(combinations.size() + 1L);
            }
            List<Element> combination = new ArrayList<>();
            for (Element ref : children(reference, "AttributesReference")) {
                Element attributes = byId.get(ref.getAttribute("ReferenceId"));
                if (attributes == null) {
                    throw new InvalidRequestException("MultiRequests refers to Attributes xml:id '"
                            + ref.getAttribute("ReferenceId") + "', which the request does not have");
                }
                combination.add(attributes);
            }
            combinations.add(combination);
        }
        if (combinations.isEmpty()) {
            throw new InvalidRequestException("MultiRequests holds no RequestReference");
        }
        return combinations;
    }

    private static List<String> values3(List<Element> combination, String category, String attributeId) {
        List<String> values = new ArrayList<>();
        for (Element attributes : combination) {
            if (category.equals(attributes.getAttribute("Category"))) {
                values.addAll(values(attributes, attributeId));
            }
        }
        return values;
    }

    private static List<RequestAttributes.EchoedAttributes> echoed(List<Element> combination) {
        List<RequestAttributes.EchoedAttributes> echoed = new ArrayList<>();
        for (Element attributes : combination) {
            List<RequestAttributes.EchoedAttribute> included = new ArrayList<>();
            for (Element attribute : children(attributes, "Attribute")) {
                if (!"true".equals(attribute.getAttribute("IncludeInResult").trim())) {
                    continue;
                }
                List<Element> valueElements = children(attribute, "AttributeValue");
                List<String> values = new ArrayList<>();
                valueElements.forEach(v -> values.add(v.getTextContent().trim()));
                String dataType = valueElements.isEmpty() ? null : emptyToNull(valueElements.get(0).getAttribute("DataType"));
                included.add(new RequestAttributes.EchoedAttribute(attribute.getAttribute("AttributeId"),
                        emptyToNull(attribute.getAttribute("Issuer")), dataType, values));
            }
            if (!included.isEmpty()) {
                echoed.add(new RequestAttributes.EchoedAttributes(attributes.getAttribute("Category"), included));
            }
        }
        return echoed;
    }

    /**
     * XACML 2.0: the access subject's subject-id, the action's action-id, and one individual request
     * per Resource element (a 2.0 request lists each resource it asks about as one).
     */
    private static List<RequestAttributes> individuals2(Element root) throws InvalidRequestException {
        List<String> subjects = new ArrayList<>();
        for (Element subject : children(root, "Subject")) {
            String category = subject.getAttribute("SubjectCategory");
            if (category.isEmpty() || Xacml.CATEGORY_SUBJECT.equals(category)) {
                subjects.addAll(values(subject, Xacml.SUBJECT_ID));
            }
        }
        List<String> actions = new ArrayList<>();
        for (Element action : children(root, "Action")) {
            actions.addAll(values(action, Xacml.ACTION_ID));
        }
        List<Element> resources = children(root, "Resource");
        if (resources.size() > MAX_INDIVIDUAL_REQUESTS) {
            throw tooMany(resources.size());
        }
        List<RequestAttributes> individuals = new ArrayList<>();
        if (resources.size() <= 1) {
            List<String> ids = resources.isEmpty() ? List.of() : values(resources.get(0), Xacml.RESOURCE_ID);
            individuals.add(new RequestAttributes(subjects, ids, actions, List.of(), null));
            return individuals;
        }
        for (Element resource : resources) {
            List<String> ids = values(resource, Xacml.RESOURCE_ID);
            individuals.add(new RequestAttributes(subjects, ids, actions, List.of(), ids.isEmpty() ? null : ids.get(0)));
        }
        return individuals;
    }

    /** Values of {@code attributeId} among the Attribute children of {@code parent}. */
    private static List<String> values(Element parent, String attributeId) {
        List<String> values = new ArrayList<>();
        for (Element attribute : children(parent, "Attribute")) {
            if (attributeId.equals(attribute.getAttribute("AttributeId"))) {
                for (Element value : children(attribute, "AttributeValue")) {
                    values.add(value.getTextContent().trim());
                }
            }
        }
        return values;
    }

    private static InvalidRequestException tooMany(long count) {
        return new InvalidRequestException("XACML request asks for " + count + " individual decisions; the limit is "
                + MAX_INDIVIDUAL_REQUESTS);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private Document parseDocument(String request) throws InvalidRequestException {
        try {
            DocumentBuilder builder;
            synchronized (factory) { // neither factories nor builders are thread-safe; a builder is per call
                builder = factory.newDocumentBuilder();
            }
            builder.setErrorHandler(RETHROW); // the default handler prints to stderr
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed: " + systemId);
            });
            return builder.parse(new InputSource(new StringReader(request)));
        } catch (SAXException e) {
            throw new InvalidRequestException("XACML request is not acceptable XML: " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new InvalidRequestException("XACML request could not be read: " + e.getMessage(), e);
        }
    }

    /** Child elements named {@code localName} in their parent's namespace (a request uses one throughout). */
    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && Objects.equals(parent.getNamespaceURI(), e.getNamespaceURI())
                    && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String qualifiedName(Element e) {
        return e.getNamespaceURI() == null ? e.getLocalName() : "{" + e.getNamespaceURI() + "}" + e.getLocalName();
    }

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            // Running without these protections would be worse than not running.
            throw new IllegalStateException("XML parser does not support the required security features", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    private static final ErrorHandler RETHROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a request invalid
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
