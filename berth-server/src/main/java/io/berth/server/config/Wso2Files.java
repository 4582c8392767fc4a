package io.berth.server.config;

import io.berth.ports.internal.OneLine;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The port files of a WSO2 home that are not {@code deployment.toml}, read as the product reads them: a Carbon 5
 * {@code deployment.yaml} (Streaming Integrator, API-M Analytics, EI 6's analytics profile) and Carbon 4's XML
 * ({@code carbon.xml}, {@code axis2.xml}, {@code catalina-server.xml}, {@code jmx.xml} of an EI 6 home).
 *
 * <p>A key is {@code FILE#PATH}, as the catalogues write it: {@code FILE} relative to the home, {@code PATH}
 * segments separated by {@code /}. In YAML a segment is a map key (dots are part of it:
 * {@code wso2.transport.http}); {@code name[a/b=v]} picks the first element of the list {@code name} whose
 * {@code a/b} is {@code v}. In XML the path starts below the document element, segments are element local
 * names, {@code name[attr=v]} (or {@code [attr!=v]}) picks the first child with that attribute value, and a
 * last segment {@code @attr} reads an attribute. A file or key that is absent gives the product's default.
 *
 * <p>Hostile files: YAML is loaded with SnakeYAML's {@link SafeConstructor} (plain maps, lists and scalars, never a
 * class a tag names) and its alias limit; XML with DOCTYPEs refused and external entities and XInclude off, so a
 * file can neither read another file nor reach the network.
 */
final class Wso2Files {

    /** Larger files are not a product's configuration; SnakeYAML's own limit is 3 MB. */
    private static final int MAX_CHARS = 3 * 1024 * 1024;
    private static final Object ABSENT = new Object();

    private final Path home;
    private final References references;
    private final Map<String, Object> roots = new HashMap<>();

    Wso2Files(Path home, References references) {
        this.home = home;
        this.references = references;
    }

    /** The value at {@code key}, placeholders resolved, stripped; empty when the file or the key is absent. */
    Optional<String> text(String key) {
        int hash = key.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("not a FILE#PATH key: " + key);
        }
        String file = key.substring(0, hash);
        List<String> path = segments(key.substring(hash + 1));
        Object root = roots.computeIfAbsent(file, this::load);
        if (root == ABSENT) {
            return Optional.empty();
        }
        Optional<String> value = root instanceof Element element ? xml(element, path) : yaml(root, path, key);
        return value.map(text -> file.endsWith(".yaml") ? references.resolveCarbon5(text, where(key)) : text).map(String::strip);
    }

    /** A port, offset or member port: a whole number, written as a number or a string ({@code tcpPort: '7611'}). */
    Optional<Integer> number(String key) {
        return text(key).map(text -> {
            if (!text.matches("\\d{1,9}")) {
                throw new ConfigException(where(key) + " must be a whole number (was \"" + OneLine.of(text) + "\")");
            }
            return Integer.valueOf(text);
        });
    }

    Optional<Boolean> flag(String key) {
        return text(key).map(text -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(where(key) + " must be true or false (was \"" + OneLine.of(text) + "\")");
        });
    }

    /** {@code /home/conf/carbon.xml: Ports/Offset}, as messages name a key. */
    String where(String key) {
        int hash = key.indexOf('#');
        return home.resolve(key.substring(0, hash)) + ": " + key.substring(hash + 1);
    }

    private Object load(String relative) {
        Path file = home.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return ABSENT;
        }
        String text = TomlFile.readText(file);
        if (text.length() > MAX_CHARS) {
            throw new ConfigException(file + ": " + text.length() + " characters; a WSO2 configuration file is far smaller");
        }
        return relative.endsWith(".xml") ? parseXml(file, text) : parseYaml(file, text);
    }

    private static Object parseYaml(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Object root = new Yaml(new SafeConstructor(options)).load(text);
            return root == null ? Map.of() : root;
        } catch (YAMLException | ClassCastException malformed) {
            throw new ConfigException(file + ": malformed YAML: " + OneLine.of(String.valueOf(malformed.getMessage())), malformed);
        } catch (StackOverflowError tooDeep) {
            throw new ConfigException(file + ": YAML nested too deeply to read");
        }
    }

    private static Element parseXml(Path file, String text) {
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(null);
            // No entity is ever resolved: a DOCTYPE is refused before this, and this refuses anything that slips by.
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            return builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (SAXException | IOException malformed) {
            throw new ConfigException(file + ": malformed or refused XML: " + OneLine.of(String.valueOf(malformed.getMessage())),
                    malformed);
        } catch (ParserConfigurationException unsupported) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", unsupported);
        }
    }

    /** OWASP's settings for the JDK parser: no DOCTYPE at all, so no external entity, no entity expansion. */
    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory;
    }

    private static Optional<String> yaml(Object root, List<String> path, String key) {
        Object node = root;
        for (String segment : path) {
            Selector selector = Selector.of(segment);
            if (!(node instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            node = map.get(selector.name());
            if (selector.field() != null) {
                node = node instanceof List<?> list ? list.stream().filter(element -> selector.matches(yaml(element,
                        segments(selector.field()), key).orElse(null))).findFirst().orElse(null) : null;
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        if (node instanceof Map || node instanceof List) {
            throw new ConfigException(key + " must be a value (was a " + (node instanceof Map ? "mapping" : "list") + ")");
        }
        return Optional.of(String.valueOf(node));
    }

    private static Optional<String> xml(Element root, List<String> path) {
        Element element = root;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            if (segment.startsWith("@")) {
                String attribute = segment.substring(1);
                return element.hasAttribute(attribute) ? Optional.of(element.getAttribute(attribute)) : Optional.empty();
            }
            Selector selector = Selector.of(segment);
            Element next = null;
            for (Node child = element.getFirstChild(); child != null && next == null; child = child.getNextSibling()) {
                if (child instanceof Element candidate && selector.name().equals(localName(candidate))
                        && (selector.field() == null || selector.matches(candidate.hasAttribute(selector.field())
                                ? candidate.getAttribute(selector.field()) : null))) {
                    next = candidate;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            element = next;
        }
        return Optional.of(element.getTextContent());
    }

    private static String localName(Element element) {
        return element.getLocalName() == null ? element.getTagName() : element.getLocalName();
    }

    /** Splits at {@code /} outside brackets: {@code a/b[c/d=e]/f} is {@code a}, {@code b[c/d=e]}, {@code f}. */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == '/' && depth == 0) {
                segments.add(path.substring(start, i));
                start = i + 1;
            }
        }
        segments.add(path.substring(start));
        return segments;
    }

    /** {@code name}, or {@code name[field=value]} / {@code name[field!=value]}. */
    private record Selector(String name, String field, String value, boolean equal) {

        static Selector of(String segment) {
            int open = segment.indexOf('[');
            if (open < 0) {
                return new Selector(segment, null, null, true);
            }
            String condition = segment.substring(open + 1, segment.length() - 1);
            boolean equal = !condition.contains("!=");
            int at = equal ? condition.indexOf('=') : condition.indexOf("!=");
            return new Selector(segment.substring(0, open), condition.substring(0, at),
                    condition.substring(at + (equal ? 1 : 2)), equal);
        }

        boolean matches(String actual) {
            boolean same = actual != null && actual.strip().equals(value);
            return equal == same;
        }
    }
}
