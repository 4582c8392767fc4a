package io.berth.server.config;

import io.berth.ports.PortCatalogue;
import io.berth.ports.ProductVersion;
import io.berth.ports.internal.Catalogues;
import io.berth.ports.internal.OneLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which product and version a home runs from what an extracted home has: its launcher script
 * ({@code bin/wso2server.sh}, {@code api-manager.sh}, {@code micro-integrator.sh}, ...), its layout
 * ({@code repository/conf/} against {@code conf/}), a version file ({@code updates/product.txt}, as WSO2's
 * update tool writes it) and the directory name ({@code wso2is-7.0.0}); or from {@code --product}.
 */
public final class HomeDetector {

    /** WSO2's distribution names: {@code wso2is-7.0.0}, {@code wso2am-4.2.0}, {@code wso2mi-4.2.0}. */
    private static final Pattern DISTRIBUTION = Pattern.compile("wso2(is|am|mi|si|ei|am-analytics|carbon)-(\\d+(?:\\.\\d+){0,3})");

    /** Short names and product lines, as {@code --product} and the distribution names say them. */
    private static final Map<String, String> PRODUCTS = Map.ofEntries(
            Map.entry("is", "identity-server"), Map.entry("identity-server", "identity-server"),
            Map.entry("am", "api-manager"), Map.entry("apim", "api-manager"), Map.entry("api-manager", "api-manager"),
            Map.entry("mi", "micro-integrator"), Map.entry("micro-integrator", "micro-integrator"),
            Map.entry("si", "streaming-integrator"), Map.entry("streaming-integrator", "streaming-integrator"),
            Map.entry("ei", "enterprise-integrator"), Map.entry("enterprise-integrator", "enterprise-integrator"),
            Map.entry("am-analytics", "api-manager-analytics"), Map.entry("api-manager-analytics", "api-manager-analytics"),
            Map.entry("carbon", "carbon"), Map.entry("berth", "berth"));

    /** Launcher scripts in {@code bin/} that name a product line by themselves. */
    private static final List<Map.Entry<String, String>> LAUNCHERS = List.of(
            Map.entry("berth.sh", "berth"),
            Map.entry("micro-integrator.sh", "micro-integrator"),
            Map.entry("api-manager.sh", "api-manager"),
            Map.entry("integrator.sh", "enterprise-integrator"),
            Map.entry("tooling.sh", "streaming-integrator"),
            Map.entry("worker.sh", "api-manager-analytics"));

    private HomeDetector() {
    }

    /** EI 6's profiles, each a directory {@code wso2/NAME} of the home with its own conf/ and carbon.home. */
    private static final List<String> EI_PROFILES = List.of("broker", "business-process", "analytics", "msf4j");

    /**
     * The home whose catalogue plans {@code dir}: {@code dir} itself, or for an Enterprise Integrator 6 profile
     * directory ({@code wso2ei-6.6.0/wso2/broker}, which WSO2's profile scripts run as carbon.home) the EI home
     * around it, recognised by its {@code bin/integrator.sh}.
     */
    public static Path enclosingHome(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (absolute.getFileName() != null && EI_PROFILES.contains(absolute.getFileName().toString()) && parent != null
                && parent.getFileName() != null && parent.getFileName().toString().equals("wso2") && parent.getParent() != null
                && Files.isRegularFile(parent.getParent().resolve("bin/integrator.sh"))) {
            return parent.getParent();
        }
        return dir;
    }

    /**
     * @param productOption {@code --product NAME[-VERSION]}, or {@code null} to detect
     * @throws ConfigException when the home is none that Berth knows, or {@code --product} names none
     */
    public static HomeProduct detect(Path home, String productOption) {
        if (productOption != null) {
            return stated(productOption);
        }
        Optional<Named> named = versionFile(home).or(() -> directoryName(home));
        String launcher = null;
        String product = null;
        for (Map.Entry<String, String> candidate : LAUNCHERS) {
            if (Files.isRegularFile(home.resolve("bin").resolve(candidate.getKey()))) {
                launcher = "bin/" + candidate.getKey();
                product = candidate.getValue();
                break;
            }
        }
        if (product == null && Files.isRegularFile(home.resolve("bin/wso2server.sh"))) {
            launcher = "bin/wso2server.sh";
            // Identity Server, API Manager 3.x and plain Carbon products share the launcher: the name tells them apart.
            product = named.map(Named::product).orElse(Files.isDirectory(home.resolve("repository/conf/identity"))
                    ? "identity-server" : "carbon");
        }
        if (product == null && Files.isRegularFile(home.resolve("bin/server.sh"))
                && Files.isRegularFile(home.resolve("conf/server/deployment.yaml"))) {
            launcher = "bin/server.sh and conf/server/deployment.yaml";
            product = "streaming-integrator";
        }
        if (product == null && named.isPresent()) {
            product = named.get().product();
        }
        if (product == null) {
            if (Files.isRegularFile(home.resolve("conf/deployment.toml"))) {
                return HomeProduct.berth("detected from conf/deployment.toml with no WSO2 launcher in bin/");
            }
            if (Files.isDirectory(home.resolve("repository/conf/identity"))) {
                return resolve("identity-server", null, "detected from repository/conf/identity with no launcher in bin/");
            }
            if (Files.isRegularFile(home.resolve("repository/conf/deployment.toml"))) {
                return resolve("carbon", null, "detected from repository/conf/deployment.toml with no launcher in bin/");
            }
            throw new ConfigException(home + ": not a Berth home (conf/deployment.toml) nor a WSO2 product home"
                    + " (repository/conf/deployment.toml, or a launcher in bin/); name it with --product"
                    + homesIn(home));
        }
        if (product.equals("berth")) {
            return HomeProduct.berth("detected from launcher " + launcher);
        }
        String line = product;
        Optional<Named> agreeing = named.filter(n -> n.product().equals(line));
        String launcherText = launcher == null ? "" : "launcher " + launcher;
        String evidence = "detected from " + launcherText
                + agreeing.map(n -> (launcherText.isEmpty() ? "" : ", ") + n.evidence()).orElse("");
        return resolve(product, agreeing.map(Named::version).orElse(null), evidence);
    }

    /**
     * The directories directly in {@code dir} that are homes by the files detection looks for, by name: what a user
     * who named the directory above a home (a clone, which holds its base/) most likely meant.
     */
    private static String homesIn(Path dir) {
        List<String> homes = homesWithin(dir);
        return homes.isEmpty() ? "" : "; " + (homes.size() == 1 ? "this directory in it is a home: " : "these directories in it are homes: ")
                + String.join(", ", homes.stream().limit(5).toList()) + (homes.size() > 5 ? ", ..." : "")
                + " (e.g. --home " + dir.resolve(homes.get(0)) + ")";
    }

    private static List<String> homesWithin(Path dir) {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .filter(sub -> Files.isRegularFile(sub.resolve("conf/deployment.toml"))
                            || Files.isRegularFile(sub.resolve("repository/conf/deployment.toml"))
                            || Files.isRegularFile(sub.resolve("bin/wso2server.sh")))
                    .map(sub -> sub.getFileName().toString()).sorted().limit(1000).toList();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** {@code is-7.0.0}, {@code wso2am-4.2.0}, {@code micro-integrator}: a product line and an optional version. */
    public static HomeProduct stated(String option) {
        String text = option.strip().toLowerCase(Locale.ROOT);
        String name = text.startsWith("wso2") ? text.substring(4) : text;
        Matcher versioned = Pattern.compile("(.+?)-(\\d+(?:\\.\\d+){0,3})").matcher(name);
        String product = versioned.matches() ? versioned.group(1) : name;
        ProductVersion version = versioned.matches() ? ProductVersion.of(versioned.group(2)) : null;
        String line = PRODUCTS.get(product);
        if (line == null) {
            throw new ConfigException("Invalid value '" + OneLine.of(option) + "' for option '--product': known products are "
                    + String.join(", ", Catalogues.products()) + ", optionally with -VERSION (e.g. is-7.0.0)");
        }
        return resolve(line, version, "stated by --product " + OneLine.of(option));
    }

    private static HomeProduct resolve(String product, ProductVersion version, String evidence) {
        if (product.equals("berth")) {
            return HomeProduct.berth(evidence);
        }
        PortCatalogue catalogue = Catalogues.find(product, version).orElseThrow(() -> new ConfigException(
                "Berth has no catalogue of " + product + " " + version + " (" + evidence + "); catalogues: "
                        + Catalogues.ALL.stream().map(c -> c.name() + " " + c.versionsText()).toList()));
        return new HomeProduct(catalogue, version, evidence);
    }

    private record Named(String product, ProductVersion version, String evidence) {
    }

    private static Optional<Named> directoryName(Path home) {
        Path name = home.toAbsolutePath().normalize().getFileName();
        return name == null ? Optional.empty() : parseName(name.toString(), "directory name");
    }

    /** {@code updates/product.txt}, which WSO2's update tool writes with the distribution name: {@code wso2is-7.0.0}. */
    private static Optional<Named> versionFile(Path home) {
        Path file = home.resolve("updates/product.txt");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return parseName(Files.readString(file).strip(), "updates/product.txt");
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Named> parseName(String text, String evidence) {
        Matcher matcher = DISTRIBUTION.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new Named(PRODUCTS.get(matcher.group(1)), ProductVersion.of(matcher.group(2)),
                evidence + " " + matcher.group()));
    }
}
