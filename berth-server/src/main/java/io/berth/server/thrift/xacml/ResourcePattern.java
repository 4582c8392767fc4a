package io.berth.server.thrift.xacml;

import java.util.regex.Pattern;

/**
 * A glob over resource ids: {@code *} matches any run of characters except {@code /},
 * {@code **} matches any run including {@code /}; everything else matches itself.
 * So {@code /orders/*} matches {@code /orders/42} but not {@code /orders/42/items}, and
 * {@code /orders/**} matches both. A lone {@code *} matches every resource.
 */
public record ResourcePattern(String glob, Pattern regex) {

    public static ResourcePattern of(String glob) {
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("resource pattern is empty");
        }
        if ("*".equals(glob)) {
            return new ResourcePattern(glob, Pattern.compile(".*", Pattern.DOTALL));
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c != '*') {
                literal.append(c);
                continue;
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else {
                regex.append("[^/]*");
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new ResourcePattern(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public boolean matches(String resourceId) {
        return regex.matcher(resourceId).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
