package io.armada.monitor.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's settings that are not plain configuration values: system properties (data folder, HTTP port,
 * server URL), list settings, the checked {@code ports.range}, and the clock in the seed's unit.
 */
final class MonitorSettings {
    private MonitorSettings() {
    }

    /** The data folder: armada.data, else karaf.data, else ./data. */
    static Path dataFolder() {
        for (String key : new String[] {"armada.data", "karaf.data"}) {
            String v = System.getProperty(key);
            if (v != null && !v.isBlank() && !v.contains("${")) {
                return Path.of(v.trim());
            }
        }
        return Path.of("data");
    }

    /** This node's HTTP port (armada.http.port, else org.osgi.service.http.port), 0 when unknown. */
    static int httpPort() {
        for (String key : new String[] {"armada.http.port", "org.osgi.service.http.port"}) {
            String v = System.getProperty(key);
            if (v != null) {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException ignored) {
                    // try the next
                }
            }
        }
        return 0;
    }

    /**
     * The port the node reports, where the server calls it: the HTTPS port when this node serves HTTPS
     * (armada.https.enabled, from ARMADA_HTTPS_PORT; the server then calls its nodes with ARMADA_NODE_SCHEME=https),
     * else {@link #httpPort()}.
     */
    static int reportedPort() {
        if ("true".equalsIgnoreCase(System.getProperty("armada.https.enabled", "").trim())) {
            try {
                return Integer.parseInt(System.getProperty("armada.https.port", "").trim());
            } catch (NumberFormatException ignored) {
                // fall back to the plain port
            }
        }
        return httpPort();
    }

    /** The server's base URL (ARMADA_SERVER_URL through armada.server.url), "" when none. */
    static String serverUrl() {
        return System.getProperty("armada.server.url", "");
    }

    /**
     * A list setting: array entries, each also split on commas (a .cfg file gives "a,b" as one string), trimmed,
     * blanks dropped.
     */
    static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** {@code ports.range} entries "down-up" with 1024 &lt;= down &lt; up &lt;= 65536; anything else is refused. */
    static List<String> validPortsRange(List<String> ranges) {
        List<String> out = new ArrayList<>();
        for (String r : ranges) {
            String t = r.trim();
            String[] p = t.split("-");
            try {
                if (p.length != 2) {
                    throw new IllegalArgumentException();
                }
                int down = Integer.parseInt(p[0].trim());
                int up = Integer.parseInt(p[1].trim());
                if (down < 1024 || up > 65536 || down >= up) {
                    throw new IllegalArgumentException();
                }
                out.add(down + "-" + up);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ports.range entries are down-up with 1024 <= down < up <= 65536, not '"
                        + r + "'", e);
            }
        }
        return List.copyOf(out);
    }

    /** Now, in epoch seconds (the seed's {@code utc}). */
    static long utc() {
        return System.currentTimeMillis() / 1000;
    }
}
