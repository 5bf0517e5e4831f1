package io.armada.monitor.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * systemd unit states, as the original's {@code service} route and {@code ServiceHandler status} give them: the unit's
 * SUB state ({@code running}, {@code exited}, {@code dead}, ...) or {@code "not found"}. One
 * {@code systemctl show} for all names. Where systemd is not the init system ({@code /run/systemd/system} absent, the
 * test of sd_booted(3)), no command runs and every unit is "not found".
 */
final class ServiceStates {
    static final String NOT_FOUND = "not found";
    /** Unit names systemctl accepts; never an option (a leading '-'). */
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@_.:\\\\][A-Za-z0-9@_.:\\\\-]{0,254}");

    private final List<String> systemctl;
    private final BooleanSupplier systemdPresent;

    ServiceStates(List<String> systemctl, BooleanSupplier systemdPresent) {
        this.systemctl = systemctl;
        this.systemdPresent = systemdPresent;
    }

    static BooleanSupplier sdBooted() {
        return () -> Files.isDirectory(Path.of("/run/systemd/system"));
    }

    static boolean validName(String name) {
        return name != null && UNIT.matcher(name).matches();
    }

    boolean systemd() {
        return systemdPresent.getAsBoolean() && !systemctl.isEmpty();
    }

    /** {@code systemctl <args>}, at most 10 s (the systemd collector's calls; the caller checked {@link #systemd()}). */
    CommandRunner.Result systemctl(String... args) {
        return CommandRunner.run(CommandRunner.argv(systemctl, args), null, Duration.ofSeconds(10));
    }

    /** name → state for each name, in order. */
    Map<String, String> states(List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> asked = new ArrayList<>();
        for (String n : names) {
            out.put(n, NOT_FOUND);
            if (validName(n)) {
                asked.add(n);
            }
        }
        if (asked.isEmpty() || !systemd()) {
            return out;
        }
        List<String> argv = new ArrayList<>(systemctl);
        argv.add("show");
        argv.add("--property=LoadState,SubState");
        argv.add("--");
        argv.addAll(asked);
        CommandRunner.Result r = CommandRunner.run(argv, null, Duration.ofSeconds(10));
        if (r.exit() != 0 && r.output().isBlank()) {
            return out;
        }
        List<String[]> blocks = parseShow(r.output());
        for (int i = 0; i < asked.size() && i < blocks.size(); i++) {
            String[] ls = blocks.get(i);
            out.put(asked.get(i), "loaded".equals(ls[0]) && ls[1] != null && !ls[1].isEmpty() ? ls[1] : NOT_FOUND);
        }
        return out;
    }

    /** {@code systemctl show} output: one block per unit, blank-line separated; each → {LoadState, SubState}. */
    static List<String[]> parseShow(String output) {
        List<String[]> blocks = new ArrayList<>();
        String[] cur = null;
        for (String line : output.split("\n", -1)) {
            String l = line.trim();
            if (l.isEmpty()) {
                if (cur != null) {
                    blocks.add(cur);
                    cur = null;
                }
                continue;
            }
            if (cur == null) {
                cur = new String[2];
            }
            if (l.startsWith("LoadState=")) {
                cur[0] = l.substring("LoadState=".length());
            } else if (l.startsWith("SubState=")) {
                cur[1] = l.substring("SubState=".length());
            }
        }
        if (cur != null) {
            blocks.add(cur);
        }
        return blocks;
    }
}
