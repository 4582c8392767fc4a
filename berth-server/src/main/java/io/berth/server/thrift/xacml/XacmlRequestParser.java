package io.berth.server.thrift.xacml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * Reads the subject, resource and action ids out of a XACML 3.0 Request document. The request
 * comes from the network, so the parser refuses DOCTYPEs outright (no entity expansion, no
 * billion laughs, no XXE), never fetches anything external, and caps the document size before
 * parsing starts.
 */
public final class XacmlRequestParser {
    private final int maxRequestBytes;
    private final DocumentBuilderFactory factory;

    public XacmlRequestParser(int maxRequestBytes) {
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive, got " + maxRequestBytes);
        }
        this.maxRequestBytes = maxRequestBytes;
        this.factory = secureFactory();
    }

    public RequestAttributes parse(String request) throws InvalidRequestException {
        if (request == null || request.isBlank()) {
            throw new InvalidRequestException("XACML request is empty");
        }
        // A char is at least one UTF-8 byte: the cheap length test rejects the huge ones before encoding.
        if (request.length() > maxRequestBytes
                || request.getBytes(StandardCharsets.UTF_8).length > maxRequestBytes) {
            throw new InvalidRequestException("XACML request is larger than the limit of " + maxRequestBytes + " bytes");
        }
        Element root = parseDocument(request).getDocumentElement();
        if (!Xacml.NAMESPACE.equals(root.getNamespaceURI()) || !"Request".equals(root.getLocalName())) {
            throw new InvalidRequestException("XACML request root element must be Request in namespace "
                    + Xacml.NAMESPACE + ", got " + qualifiedName(root));
        }
        return new RequestAttributes(
                values(root, Xacml.CATEGORY_SUBJECT, Xacml.SUBJECT_ID),
                values(root, Xacml.CATEGORY_RESOURCE, Xacml.RESOURCE_ID),
                values(root, Xacml.CATEGORY_ACTION, Xacml.ACTION_ID));
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

    /** Values of {@code attributeId} inside {@code <Attributes Category="category">} elements. */
    private static List<String> values(Element root, String category, String attributeId) {
        List<String> values = new ArrayList<>();
        for (Element attributes : children(root, "Attributes")) {
            if (!category.equals(attributes.getAttribute("Category"))) {
                continue;
            }
            for (Element attribute : children(attributes, "Attribute")) {
                if (!attributeId.equals(attribute.getAttribute("AttributeId"))) {
                    continue;
                }
                for (Element value : children(attribute, "AttributeValue")) {
                    values.add(value.getTextContent().trim());
                }
            }
        }
        return values;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && Xacml.NAMESPACE.equals(e.getNamespaceURI())
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
