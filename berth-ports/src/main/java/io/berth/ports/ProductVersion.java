package io.berth.ports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A product version as WSO2 numbers its releases, {@code 5.10.0}, compared part by part as numbers
 * (so 5.10 comes after 5.9).
 *
 * @param parts the numbers, most significant first; never empty
 */
public record ProductVersion(List<Integer> parts) implements Comparable<ProductVersion> {

    public ProductVersion {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a version has at least one number");
        }
    }

    /** {@code 7.0.0}, {@code 4.2}, {@code 6}; empty for anything else. */
    public static Optional<ProductVersion> parse(String text) {
        if (text == null || !text.matches("\\d{1,4}(\\.\\d{1,4}){0,3}")) {
            return Optional.empty();
        }
        List<Integer> parts = new ArrayList<>();
        for (String part : text.split("\\.")) {
            parts.add(Integer.valueOf(part));
        }
        return Optional.of(new ProductVersion(parts));
    }

    /** @throws IllegalArgumentException for text that is not a version; for versions written in code */
    public static ProductVersion of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a version: " + text));
    }

    @Override
    public int compareTo(ProductVersion other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            int mine = i < parts.size() ? parts.get(i) : 0;
            int theirs = i < other.parts.size() ? other.parts.get(i) : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        parts.forEach(part -> text.append(text.isEmpty() ? "" : ".").append(part));
        return text.toString();
    }
}
