package io.armada.monitor.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two collectors that walk {@code /sys/class} folders rather than parse one file: netclass (the attributes of
 * every interface of {@code /sys/class/net}) and hwmon (the sensors of {@code /sys/class/hwmon}). Each attribute is
 * written where it can be read (a link that is down has no carrier, a virtual NIC no speed): absent otherwise.
 */
final class SysClassCollectors {
    private SysClassCollectors() {
    }

    /** hwmon: chip names and temperatures (and fans) of {@code /sys/class/hwmon}, where the machine has sensors. */
    static boolean hwmon(Path sys, MetricsText m) throws IOException {
        Path root = sys.resolve("class/hwmon");
        if (!Files.isDirectory(root)) {
            return false;
        }
        Map<String, String> chips = new TreeMap<>();
        Map<String, Map<String, Map<String, String>>> sensors = new TreeMap<>(); // chip -> sensor -> property -> value
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String chip = hwmonChip(dir);
                String name = NodeCollectors.readOrNull(dir.resolve("name"));
                chips.put(chip, name == null ? "" : name.trim());
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        String fn = f.getFileName().toString();
                        int us = fn.indexOf('_');
                        if (us <= 0 || !(fn.startsWith("temp") || fn.startsWith("fan"))) {
                            continue;
                        }
                        String v = NodeCollectors.readOrNull(f);
                        if (v != null) {
                            sensors.computeIfAbsent(chip, k -> new TreeMap<>())
                                    .computeIfAbsent(fn.substring(0, us), k -> new TreeMap<>())
                                    .put(fn.substring(us + 1), v.trim());
                        }
                    }
                }
            }
        }
        if (chips.isEmpty()) {
            return false;
        }
        m.family("node_hwmon_chip_names", "gauge", "Annotation metric for human-readable chip names");
        for (Map.Entry<String, String> c : chips.entrySet()) {
            m.sample("node_hwmon_chip_names", 1L, "chip", c.getKey(), "chip_name", c.getValue());
        }
        String[][] series = {
            {"temp", "input", "node_hwmon_temp_celsius", "Hardware monitor for temperature (input)", "1000"},
            {"temp", "max", "node_hwmon_temp_max_celsius", "Hardware monitor for temperature (max)", "1000"},
            {"temp", "crit", "node_hwmon_temp_crit_celsius", "Hardware monitor for temperature (crit)", "1000"},
            {"temp", "crit_hyst", "node_hwmon_temp_crit_hyst_celsius", "Hardware monitor for temperature (crit_hyst)", "1000"},
            {"temp", "crit_alarm", "node_hwmon_temp_crit_alarm_celsius", "Hardware monitor for temperature (crit_alarm)", "1"},
            {"fan", "input", "node_hwmon_fan_rpm", "Hardware monitor for fan revolutions per minute (input)", "1"},
            {"fan", "min", "node_hwmon_fan_min_rpm", "Hardware monitor for fan revolutions per minute (min)", "1"},
        };
        for (String[] s : series) {
            boolean started = false;
            for (Map.Entry<String, Map<String, Map<String, String>>> c : sensors.entrySet()) {
                for (Map.Entry<String, Map<String, String>> sensor : c.getValue().entrySet()) {
                    if (!sensor.getKey().startsWith(s[0]) || !sensor.getKey().substring(s[0].length()).matches("[0-9]+")) {
                        continue;
                    }
                    Long v = ProcMetrics.parseLong(sensor.getValue().getOrDefault(s[1], ""));
                    if (v == null) {
                        continue;
                    }
                    if (!started) {
                        m.family(s[2], "gauge", s[3]);
                        started = true;
                    }
                    m.sample(s[2], v / Double.parseDouble(s[4]), "chip", c.getKey(), "sensor", sensor.getKey());
                }
            }
        }
        return true;
    }

    /** node_exporter's chip label: the device path below /sys/devices with / and other symbols as _, else hwmonN. */
    private static String hwmonChip(Path dir) {
        try {
            Path device = dir.resolve("device").toRealPath();
            String p = device.toString();
            int at = p.indexOf("/devices/");
            String rel = at >= 0 ? p.substring(at + "/devices/".length()) : device.getFileName().toString();
            String last = device.getFileName().toString();
            String parent = device.getParent() == null ? "" : device.getParent().getFileName().toString();
            String chip = rel.startsWith("platform/") ? "platform_" + last : parent + "_" + last;
            return chip.replaceAll("[^a-zA-Z0-9_]", "_");
        } catch (IOException | RuntimeException e) {
            return dir.getFileName().toString();
        }
    }

    /** netclass: the properties of every interface of {@code /sys/class/net}, each where readable. */
    static boolean netclass(Path sys, MetricsText m) throws IOException {
        Path root = sys.resolve("class/net");
        List<String> devices = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                devices.add(d.getFileName().toString());
            }
        }
        if (devices.isEmpty()) {
            return false;
        }
        devices.sort(null);
        Map<String, Map<String, String>> props = new LinkedHashMap<>();
        String[] files = {"operstate", "address", "broadcast", "duplex", "ifalias", "carrier", "mtu", "speed",
            "tx_queue_len", "carrier_changes", "carrier_up_count", "carrier_down_count", "ifindex", "iflink", "flags",
            "type", "addr_assign_type", "dev_id", "dormant", "name_assign_type", "netdev_group", "link_mode"};
        for (String dev : devices) {
            Map<String, String> p = new HashMap<>();
            for (String f : files) {
                String v = NodeCollectors.readOrNull(root.resolve(dev).resolve(f));
                if (v != null) {
                    p.put(f, v.trim());
                }
            }
            props.put(dev, p);
        }
        m.family("node_network_info", "gauge", "Non-numeric data from /sys/class/net/<iface>, value is always 1.");
        for (Map.Entry<String, Map<String, String>> d : props.entrySet()) {
            Map<String, String> p = d.getValue();
            m.sample("node_network_info", 1L, "address", p.getOrDefault("address", ""), "broadcast",
                    p.getOrDefault("broadcast", ""), "device", d.getKey(), "duplex", p.getOrDefault("duplex", ""), "ifalias",
                    p.getOrDefault("ifalias", ""), "operstate", p.getOrDefault("operstate", ""));
        }
        m.family("node_network_up", "gauge", "Value is 1 if operstate is 'up', 0 otherwise.");
        for (Map.Entry<String, Map<String, String>> d : props.entrySet()) {
            m.sample("node_network_up", "up".equals(d.getValue().get("operstate")) ? 1L : 0L, "device", d.getKey());
        }
        String[][] series = {{"carrier", "node_network_carrier", "1", "gauge"}, {"mtu", "node_network_mtu_bytes", "1", "gauge"},
            {"speed", "node_network_speed_bytes", "125000", "gauge"},
            {"tx_queue_len", "node_network_transmit_queue_length", "1", "gauge"},
            {"carrier_changes", "node_network_carrier_changes_total", "1", "counter"},
            {"carrier_up_count", "node_network_carrier_up_changes_total", "1", "counter"},
            {"carrier_down_count", "node_network_carrier_down_changes_total", "1", "counter"},
            {"ifindex", "node_network_iface_id", "1", "gauge"}, {"iflink", "node_network_iface_link", "1", "gauge"},
            {"flags", "node_network_flags", "hex", "gauge"}, {"type", "node_network_protocol_type", "1", "gauge"},
            {"addr_assign_type", "node_network_address_assign_type", "1", "gauge"},
            {"dev_id", "node_network_device_id", "hex", "gauge"}, {"dormant", "node_network_dormant", "1", "gauge"},
            {"name_assign_type", "node_network_name_assign_type", "1", "gauge"},
            {"netdev_group", "node_network_net_dev_group", "1", "gauge"},
            {"link_mode", "node_network_iface_link_mode", "1", "gauge"}};
        for (String[] s : series) {
            boolean started = false;
            for (Map.Entry<String, Map<String, String>> d : props.entrySet()) {
                String raw = d.getValue().get(s[0]);
                Long v = null;
                if (raw != null) {
                    if (s[2].equals("hex")) {
                        try {
                            v = Long.parseLong(raw.startsWith("0x") ? raw.substring(2) : raw, 16);
                        } catch (NumberFormatException e) {
                            v = null;
                        }
                    } else {
                        v = ProcMetrics.parseLong(raw);
                    }
                }
                if (v == null) {
                    continue; // unreadable (carrier of a link that is down, speed of a virtual NIC): absent
                }
                if (!started) {
                    m.family(s[1], s[3], "Network device property: " + s[1].substring("node_network_".length()));
                    started = true;
                }
                m.sample(s[1], s[2].equals("125000") ? v * 125000L : v, "device", d.getKey());
            }
        }
        return true;
    }
}
