package io.berth.server.config;

import io.berth.ports.internal.OneLine;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves WSO2-style references in configuration strings: {@code $env{NAME}} from the environment,
 * {@code $sys{NAME}} from system properties. An undefined reference is an error naming it.
 */
public final class References {

    private static final Pattern REFERENCE = Pattern.compile("\\$(env|sys)\\{([^}]*)}");

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    public References(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /** References over this process's environment and system properties. */
    public static References ofProcess() {
        return new References(System::getenv, System::getProperty);
    }

    /** Carbon 5's config provider (wso2/carbon-config ConfigProviderImpl): {@code ${env:NAME}}, {@code ${sys:NAME,default}}. */
    private static final Pattern CARBON5_PLACEHOLDER = Pattern.compile("\\$\\{(env|sys):([^,}]+?)(?:,([^}]*))?}");

    /**
     * Resolves the placeholders of a Carbon 5 {@code deployment.yaml} value as its config provider does:
     * {@code ${env:NAME}} and {@code ${sys:NAME}}, each with an optional {@code ,default} used when the
     * variable is not set.
     *
     * @param where how to name the key in an error
     * @throws UndefinedReferenceException naming a placeholder with neither a value nor a default
     */
    public String resolveCarbon5(String text, String where) {
        Matcher matcher = CARBON5_PLACEHOLDER.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String kind = matcher.group(1);
            String name = matcher.group(2).strip();
            String value = kind.equals("env") ? environment.apply(name) : systemProperties.apply(name);
            if (value == null || value.isEmpty()) {
                value = matcher.group(3);
            }
            if (value == null) {
                throw new UndefinedReferenceException(where + " refers to " + OneLine.of(matcher.group()) + ", but "
                        + (kind.equals("env") ? "environment variable" : "system property") + " '" + OneLine.of(name)
                        + "' is not defined and there is no default");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    public static boolean contains(String text) {
        return REFERENCE.matcher(text).find();
    }

    /**
     * @param where how to name the key in an error, e.g. {@code deployment.toml:3: [server] offset}
     * @throws UndefinedReferenceException naming the undefined reference
     * @throws ConfigException naming a reference that names nothing ({@code $sys{}})
     */
    public String resolve(String text, String where) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String kind = matcher.group(1);
            String name = matcher.group(2);
            String origin = kind.equals("env") ? "environment variable" : "system property";
            if (name.isEmpty()) {
                // System.getProperty("") throws IllegalArgumentException rather than answer null.
                throw new ConfigException(where + " refers to " + matcher.group() + ", which names no " + origin);
            }
            String value = kind.equals("env") ? environment.apply(name) : systemProperties.apply(name);
            if (value == null) {
                throw new UndefinedReferenceException(where + " refers to " + OneLine.of(matcher.group()) + ", but " + origin + " '"
                        + OneLine.of(name) + "' is not defined");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
