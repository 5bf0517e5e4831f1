package io.armada.monitor.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /etc/os-release} and uname(2)'s fields: node_exporter's os and uname collectors. */
final class SystemInfo {
    private SystemInfo() {
    }

    /** {@code /etc/os-release} (or {@code /usr/lib/os-release}): {@code node_os_info} and {@code node_os_version}. */
    static boolean osRelease(String text, MetricsText m) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && eq > 0) {
                kv.put(l.substring(0, eq), ProcFiles.unquote(l.substring(eq + 1).trim()));
            }
        }
        if (kv.isEmpty()) {
            return false;
        }
        String[] keys = {"build_id", "id", "id_like", "image_id", "image_version", "name", "pretty_name", "variant",
            "variant_id", "version", "version_codename", "version_id"};
        String[] labels = new String[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            labels[2 * i] = keys[i];
            labels[2 * i + 1] = kv.getOrDefault(keys[i].toUpperCase(java.util.Locale.ROOT), "");
        }
        m.family("node_os_info", "gauge", "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, "
                + "image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.")
                .sample("node_os_info", 1L, labels);
        java.util.regex.Matcher v = Pattern.compile("^([0-9]+)(\\.[0-9]+)?").matcher(kv.getOrDefault("VERSION_ID", ""));
        if (v.find()) {
            m.family("node_os_version", "gauge", "Metric containing the major.minor part of the OS version.")
                    .sample("node_os_version", Double.parseDouble(v.group()), "id", kv.getOrDefault("ID", ""),
                            "id_like", kv.getOrDefault("ID_LIKE", ""), "name", kv.getOrDefault("NAME", ""));
        }
        return true;
    }

    /** {@code node_uname_info}: uname(2)'s fields (the kernel gives them in /proc/sys/kernel). */
    static void uname(String sysname, String nodename, String release, String version, String machine, String domainname,
            MetricsText m) {
        m.family("node_uname_info", "gauge", "Labeled system information as provided by the uname system call.")
                .sample("node_uname_info", 1L, "domainname", domainname, "machine", machine, "nodename", nodename,
                        "release", release, "sysname", sysname, "version", version);
    }
}
