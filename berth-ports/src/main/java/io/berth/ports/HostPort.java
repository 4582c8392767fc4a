package io.berth.ports;

import io.berth.ports.internal.PortRange;
import java.util.Objects;

/**
 * A host and a port as clients dial them: the one formatter of every {@code host:port} and URL Berth prints
 * or serves. An IPv6 literal is bracketed ({@code [::1]:9443}, RFC 3986 section 3.2.2), so the text is a
 * valid URI authority and never ambiguous.
 *
 * @param host a name or an IP literal, without brackets ({@code ::1}, not {@code [::1]})
 * @param port 1..65535, or 0 where the text named no port ({@link #parse}); see {@link #orPort}
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        host = canonical(host);
        if (port != 0 && !PortRange.contains(port)) {
            throw new IllegalArgumentException("port must be " + PortRange.TEXT + " (was " + port + ")");
        }
    }

    /**
     * Reads {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 literal
     * ({@code ::1}, which can carry no port). A missing port is 0.
     *
     * @throws IllegalArgumentException quoting the text, for an empty host, a bad port or stray brackets
     */
    public static HostPort parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not host[:port]: empty");
        }
        String trimmed = text.trim();
        String host;
        String port = null;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' is not host[:port]: '[' without ']'");
            }
            host = trimmed.substring(1, close);
            String rest = trimmed.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "' is not host[:port]: '" + rest + "' after ']'");
                }
                port = rest.substring(1);
            }
        } else if (trimmed.indexOf(':') != trimmed.lastIndexOf(':')) {
            host = trimmed; // a bare IPv6 literal: with more than one colon, none of them can start a port
        } else {
            int colon = trimmed.indexOf(':');
            host = colon < 0 ? trimmed : trimmed.substring(0, colon);
            port = colon < 0 ? null : trimmed.substring(colon + 1);
        }
        if (host.isBlank() || host.contains("[") || host.contains("]") || host.contains("/")) {
            throw new IllegalArgumentException("'" + text + "' is not host[:port]: bad host '" + host + "'");
        }
        if (port == null) {
            return new HostPort(host, 0);
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not host[:port]: port '" + port + "' is not a number");
        }
        if (!PortRange.contains(number)) {
            throw new IllegalArgumentException("'" + text + "' is not host[:port]: port must be " + PortRange.TEXT);
        }
        return new HostPort(host, number);
    }

    /**
     * An IPv6 literal in its one canonical text (RFC 5952: lower case, no leading zeros, the longest run of
     * zero groups as {@code ::}), so {@code 0:0:0:0:0:0:0:1} from the JDK or /proc and {@code ::1} from a
     * user print alike; anything else as it is.
     */
    static String canonical(String host) {
        int percent = host.indexOf('%');
        String address = percent < 0 ? host : host.substring(0, percent);
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:]+") || address.contains(":::")) {
            return host;
        }
        String[] halves = address.split("::", -1);
        if (halves.length > 2) {
            return host;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] tail = halves.length == 1 || halves[1].isEmpty() ? new String[0] : halves[1].split(":");
        int[] groups = new int[8];
        if (halves.length == 1 ? head.length != 8 : head.length + tail.length > 7) {
            return host;
        }
        try {
            for (int i = 0; i < head.length; i++) {
                groups[i] = group(head[i]);
            }
            for (int i = 0; i < tail.length; i++) {
                groups[8 - tail.length + i] = group(tail[i]);
            }
        } catch (IllegalArgumentException notALiteral) {
            return host;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return percent < 0 ? text.toString() : text + host.substring(percent);
    }

    private static int group(String hex) {
        if (hex.isEmpty() || hex.length() > 4) {
            throw new IllegalArgumentException(hex);
        }
        return Integer.parseInt(hex, 16);
    }

    /** The canonical text of an address: {@code ::1}, not the JDK's {@code 0:0:0:0:0:0:0:1}. */
    public static String literal(java.net.InetAddress address) {
        return canonical(address.getHostAddress());
    }

    /** {@code ::1} as a URI host: {@code [::1]}; names and IPv4 literals as they are. */
    public static String uriHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** This host with {@code fallback} as port when the text named none. */
    public HostPort orPort(int fallback) {
        return port == 0 ? new HostPort(host, fallback) : this;
    }

    /** Whether the text this came from named a port. */
    public boolean hasPort() {
        return port != 0;
    }

    /** {@code [::1]:9443}, {@code example.org:9443}; the host alone when no port was named. */
    @Override
    public String toString() {
        return port == 0 ? uriHost(host) : uriHost(host) + ":" + port;
    }

    /**
     * {@code scheme://authority/path}, leaving out the port when it is the scheme's default (443 for https,
     * 80 for http), as browsers show it.
     */
    public String url(String scheme, String path) {
        boolean defaultPort = port == 0 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + (defaultPort ? uriHost(host) : toString()) + path;
    }
}
