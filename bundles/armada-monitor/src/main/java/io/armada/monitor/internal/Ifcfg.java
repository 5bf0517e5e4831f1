package io.armada.monitor.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.monitor.IpSettings;

/**
 * IP configuration on RHEL-style {@code ifcfg-<name>} files in one folder (originals.md §003.7): add, update,
 * delete and exchange, with the original's checks and codes. A change that its command (ifup/ifdown) refuses is
 * rolled back, so a failed call leaves the files as they were. One change at a time.
 */
final class Ifcfg {
    private static final Logger LOG = LoggerFactory.getLogger(Ifcfg.class);
    /** An interface name (IFNAMSIZ 15) with an optional alias label: {@code eth0}, {@code ens192:2}. */
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.-]{0,14})(:[A-Za-z0-9_]{1,15})?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path folder;
    private final Predicate<String> physicalNic;
    private final List<String> ifup;
    private final List<String> ifdown;

    Ifcfg(Path folder, Predicate<String> physicalNic, List<String> ifup, List<String> ifdown) {
        this.folder = folder;
        this.physicalNic = physicalNic;
        this.ifup = ifup;
        this.ifdown = ifdown;
    }

    // ------------------------------------------------------------------ reading

    /** The KEY=value pairs of {@code ifcfg-<nic>} in {@code folder}; empty when there is none. */
    static Map<String, String> read(Path folder, String nic) {
        if (!NAME.matcher(nic).matches()) {
            return Map.of();
        }
        return ProcFiles.keyValues(folder.resolve("ifcfg-" + nic));
    }

    /** 24 → 255.255.255.0. */
    static String prefixToMask(int prefix) {
        if (prefix < 0 || prefix > 32) {
            return "";
        }
        long bits = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return ((bits >> 24) & 255) + "." + ((bits >> 16) & 255) + "." + ((bits >> 8) & 255) + "." + (bits & 255);
    }

    // ------------------------------------------------------------------ checks

    static boolean validIpv4(String s) {
        return s != null && IPV4.matcher(s).matches();
    }

    /** A dotted netmask with contiguous ones, not 0.0.0.0. */
    static boolean validNetmask(String s) {
        if (!validIpv4(s)) {
            return false;
        }
        long bits = 0;
        for (String part : s.split("\\.")) {
            bits = (bits << 8) | Integer.parseInt(part);
        }
        if (bits == 0) {
            return false;
        }
        long inverted = ~bits & 0xFFFFFFFFL;
        return (inverted & (inverted + 1)) == 0;
    }

    /** The base NIC of {@code eth0:1} is {@code eth0}. */
    static String base(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private String checkedName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        String n = name.trim();
        if (!NAME.matcher(n).matches()) {
            throw Codes.refuse(Codes.IP_INFO_PARAM_ERROR, field + " is not an interface name such as eth0 or eth0:1");
        }
        if (!physicalNic.test(base(n))) {
            throw Codes.refuse(Codes.NOT_PHYSICAL_NIC, base(n) + " is not a physical NIC");
        }
        return n;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return value.trim();
    }

    /** The original's checks of add_ip/update_ip; returns the settings trimmed, blank DNS as null. */
    IpSettings check(IpSettings s) {
        if (s == null) {
            throw ApiException.badRequest("body is required");
        }
        String ip = required(s.ip(), "ip");
        String netmask = required(s.netmask(), "netmask");
        String gateway = required(s.gateway(), "gateway");
        String name = checkedName(s.name(), "name");
        if (!validIpv4(ip)) {
            throw Codes.refuse(Codes.IP_INFO_PARAM_ERROR, "ip is not an IPv4 address");
        }
        if (!validNetmask(netmask)) {
            throw Codes.refuse(Codes.IP_INFO_PARAM_ERROR, "netmask is not a valid IPv4 netmask");
        }
        if (!validIpv4(gateway)) {
            throw Codes.refuse(Codes.IP_INFO_PARAM_ERROR, "gateway is not an IPv4 address");
        }
        String dns1 = blankToNull(s.dns1());
        String dns2 = blankToNull(s.dns2());
        if (dns1 != null && !validIpv4(dns1)) {
            throw Codes.refuse(Codes.IP_INFO_PARAM_ERROR, "dns1 is not an IPv4 address");
        }
        if (dns2 != null && !validIpv4(dns2)) {
            throw Codes.refuse(Codes.IP_INFO_PARAM_ERROR, "dns2 is not an IPv4 address");
        }
        return new IpSettings(name, ip, netmask, gateway, dns1, dns2);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ------------------------------------------------------------------ changes

    Path file(String name) {
        return folder.resolve("ifcfg-" + name);
    }

    synchronized Map<String, Object> add(IpSettings settings) {
        IpSettings s = check(settings);
        Path f = file(s.name());
        if (Files.exists(f)) {
            throw Codes.refuse(Codes.IP_CONF_FILE_EXISTS, "ifcfg-" + s.name() + " exists already");
        }
        String content = newContent(s);
        try {
            Files.createDirectories(folder);
            write(f, content);
        } catch (IOException e) {
            throw Codes.refuse(Codes.ADD_IP_FAILED, "cannot write ifcfg-" + s.name() + ": " + e.getMessage());
        }
        CommandRunner.Result r = up(s.name());
        if (!r.ok()) {
            deleteQuietly(f);
            throw Codes.refuse(Codes.ADD_IP_FAILED, "ifup " + s.name() + " failed: " + tail(r.output()));
        }
        LOG.info("Added IP configuration {} ({})", s.name(), s.ip());
        return Map.of("name", s.name());
    }

    synchronized Map<String, Object> update(IpSettings settings) {
        IpSettings s = check(settings);
        Path f = file(s.name());
        if (!Files.isRegularFile(f)) {
            throw Codes.refuse(Codes.IP_CONF_FILE_NOT_FOUND, "ifcfg-" + s.name() + " does not exist");
        }
        String before;
        try {
            before = Files.readString(f, StandardCharsets.UTF_8);
            write(f, updatedContent(before, s));
        } catch (IOException e) {
            throw Codes.refuse(Codes.UPDATE_IP_FAILED, "cannot rewrite ifcfg-" + s.name() + ": " + e.getMessage());
        }
        CommandRunner.Result r = up(s.name());
        if (!r.ok()) {
            restore(f, before);
            upAgain(s.name());
            throw Codes.refuse(Codes.UPDATE_IP_FAILED, "ifup " + s.name() + " failed: " + tail(r.output()));
        }
        LOG.info("Updated IP configuration {} ({})", s.name(), s.ip());
        return Map.of("name", s.name());
    }

    synchronized void delete(String rawName) {
        String given = required(rawName, "name");
        if (!NAME.matcher(given).matches()) {
            throw Codes.refuse(Codes.IP_INFO_PARAM_ERROR, "name is not an interface name such as eth0:1");
        }
        if (given.indexOf(':') < 0) {
            throw Codes.refuse(Codes.MAIN_NIC_IP_DEL, "the address of a main NIC cannot be deleted");
        }
        String name = checkedName(given, "name");
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            throw Codes.refuse(Codes.IP_CONF_FILE_NOT_FOUND, "ifcfg-" + name + " does not exist");
        }
        if (!ifdown.isEmpty()) {
            CommandRunner.Result r = CommandRunner.run(CommandRunner.argv(ifdown, name), null, COMMAND_TIMEOUT);
            if (!r.ok()) {
                throw Codes.refuse(Codes.DELETE_IP_FAILED, "ifdown " + name + " failed: " + tail(r.output()));
            }
        }
        try {
            Files.delete(f);
        } catch (IOException e) {
            throw Codes.refuse(Codes.DELETE_IP_FAILED, "cannot delete ifcfg-" + name + ": " + e.getMessage());
        }
        syncFolder(folder);
        LOG.info("Deleted IP configuration {}", name);
    }

    synchronized Map<String, Object> exchange(String rawName1, String rawName2) {
        String name1 = checkedName(rawName1, "name1");
        String name2 = checkedName(rawName2, "name2");
        if (name1.equals(name2)) {
            throw ApiException.badRequest("name1 and name2 must differ");
        }
        Path f1 = file(name1);
        Path f2 = file(name2);
        for (Path f : new Path[] {f1, f2}) {
            if (!Files.isRegularFile(f)) {
                throw Codes.refuse(Codes.IP_CONF_FILE_NOT_FOUND, f.getFileName() + " does not exist");
            }
        }
        String c1;
        String c2;
        try {
            c1 = Files.readString(f1, StandardCharsets.UTF_8);
            c2 = Files.readString(f2, StandardCharsets.UTF_8);
            write(f1, renamed(c2, name1));
            write(f2, renamed(c1, name2));
        } catch (IOException e) {
            throw Codes.refuse(Codes.EXCHANGE_IP_FAILED, "cannot swap the files: " + e.getMessage());
        }
        for (String n : new String[] {name1, name2}) {
            CommandRunner.Result r = up(n);
            if (!r.ok()) {
                restore(f1, c1);
                restore(f2, c2);
                // the names brought up before this one run the swapped settings: both come up again as they were
                upAgain(name1);
                upAgain(name2);
                throw Codes.refuse(Codes.EXCHANGE_IP_FAILED, "ifup " + n + " failed: " + tail(r.output()));
            }
        }
        LOG.info("Exchanged IP configurations of {} and {}", name1, name2);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name1", name2);
        out.put("name2", name1);
        return out;
    }

    /** After a restore: brings {@code name} up with its old file again; a failure is logged, the refusal stands. */
    private void upAgain(String name) {
        CommandRunner.Result r = up(name);
        if (!r.ok()) {
            LOG.error("ifup {} with its restored file failed too: {}", name, tail(r.output()));
        }
    }

    private CommandRunner.Result up(String name) {
        if (ifup.isEmpty()) {
            return new CommandRunner.Result(0, "");
        }
        return CommandRunner.run(CommandRunner.argv(ifup, name), null, COMMAND_TIMEOUT);
    }

    // ------------------------------------------------------------------ file contents

    /** A complete RHEL ifcfg file for a static address. */
    static String newContent(IpSettings s) {
        StringBuilder b = new StringBuilder();
        b.append("TYPE=Ethernet\n");
        b.append("BOOTPROTO=static\n");
        b.append("NAME=").append(s.name()).append('\n');
        b.append("DEVICE=").append(s.name()).append('\n');
        b.append("UUID=").append(UUID.randomUUID()).append('\n');
        b.append("ONBOOT=yes\n");
        b.append("IPADDR=").append(s.ip()).append('\n');
        b.append("NETMASK=").append(s.netmask()).append('\n');
        b.append("GATEWAY=").append(s.gateway()).append('\n');
        if (s.dns1() != null) {
            b.append("DNS1=").append(s.dns1()).append('\n');
        }
        if (s.dns2() != null) {
            b.append("DNS2=").append(s.dns2()).append('\n');
        }
        return b.toString();
    }

    /**
     * An existing file with new addresses: the address keys are replaced (a PREFIX gives way to NETMASK, an absent
     * DNS is removed), BOOTPROTO becomes static, every other line stays as it was.
     */
    static String updatedContent(String before, IpSettings s) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("BOOTPROTO", "static");
        set.put("IPADDR", s.ip());
        set.put("NETMASK", s.netmask());
        set.put("GATEWAY", s.gateway());
        set.put("DNS1", s.dns1());
        set.put("DNS2", s.dns2());
        List<String> out = new ArrayList<>();
        for (String line : before.split("\n", -1)) {
            String key = keyOf(line);
            if (key != null && (key.equals("PREFIX") || key.equals("IPADDR0") || key.equals("PREFIX0")
                    || key.equals("NETMASK0") || key.equals("GATEWAY0"))) {
                continue;
            }
            if (key != null && set.containsKey(key)) {
                String v = set.remove(key);
                if (v != null) {
                    out.add(key + "=" + v);
                }
                continue;
            }
            out.add(line);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        for (Map.Entry<String, String> e : set.entrySet()) {
            if (e.getValue() != null) {
                out.add(e.getKey() + "=" + e.getValue());
            }
        }
        return String.join("\n", out) + "\n";
    }

    /** The same file for another interface name: NAME and DEVICE follow the name. */
    static String renamed(String content, String name) {
        List<String> out = new ArrayList<>();
        boolean sawName = false;
        boolean sawDevice = false;
        for (String line : content.split("\n", -1)) {
            String key = keyOf(line);
            if ("NAME".equals(key)) {
                out.add("NAME=" + name);
                sawName = true;
            } else if ("DEVICE".equals(key)) {
                out.add("DEVICE=" + name);
                sawDevice = true;
            } else {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        if (!sawName) {
            out.add("NAME=" + name);
        }
        if (!sawDevice) {
            out.add("DEVICE=" + name);
        }
        return String.join("\n", out) + "\n";
    }

    private static String keyOf(String line) {
        String l = line.trim();
        int eq = l.indexOf('=');
        return l.startsWith("#") || eq <= 0 ? null : l.substring(0, eq).trim();
    }

    /**
     * Writes {@code f} through a temporary file that is synced before it replaces {@code f}, and syncs the folder
     * after the move, so a power loss leaves the old file or the new one, never an empty one (RHEL uses XFS).
     */
    private static void write(Path f, String content) throws IOException {
        Path tmp = f.resolveSibling("." + f.getFileName() + ".armada-tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(f.toAbsolutePath().getParent());
    }

    /** Makes a rename in {@code folder} durable (Linux allows syncing a folder opened for reading). */
    private static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot sync {}: {}", folder, e.toString());
        }
    }

    private static void restore(Path f, String content) {
        try {
            write(f, content);
        } catch (IOException e) {
            LOG.error("Could not restore {} after a failed change", f, e);
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.error("Could not remove {} after a failed change", f, e);
        }
    }

    private static String tail(String output) {
        String t = output == null ? "" : output.trim();
        return t.length() > 300 ? "..." + t.substring(t.length() - 300) : t;
    }
}
