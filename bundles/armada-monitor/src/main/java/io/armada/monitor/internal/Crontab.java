package io.armada.monitor.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;

/**
 * The seed's {@code CrontabHandler}: scheduled shutdowns in the crontab of the user the node runs as, through the
 * configured {@code crontab} command ({@code crontab -l} to read, {@code crontab -} to write). A job is the line
 * {@code <minute> <hour> * * <weekdays> <shutdown command> # front_end_controller:<task_name>} (python-crontab's
 * layout in the original); every other line of the crontab (other jobs, variables, comments, blank lines) is
 * written back exactly as it was read.
 */
final class Crontab {
    private static final Logger LOG = LoggerFactory.getLogger(Crontab.class);
    static final String TAG = "front_end_controller:";
    private static final Pattern TASK_NAME = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Times an edit starts again when the crontab changed under it. */
    private static final int EDIT_ATTEMPTS = 3;

    /** When a job runs. */
    record Schedule(String minute, String hour, String weekly) {
        Map<String, Object> toData() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("exec_hour", hour);
            m.put("exec_minute", minute);
            m.put("exec_weekly", weekly);
            return m;
        }
    }

    private final List<String> crontab;
    private final String jobCommand;

    /**
     * @param crontab the configured crontab program (and arguments)
     * @param jobCommand what the jobs run (the configured shutdown command)
     */
    Crontab(List<String> crontab, String jobCommand) {
        this.crontab = crontab;
        this.jobCommand = jobCommand.trim();
    }

    // ------------------------------------------------------------------ commands

    synchronized void setup(String name, Schedule s) {
        edit(lines -> {
            List<String> out = without(lines, name);
            out.add(line(s, jobCommand, name));
            return out;
        });
        LOG.info("Crontab shutdown job {} set to {} {} * * {}", name, s.minute(), s.hour(), s.weekly());
    }

    synchronized void delete(String name) {
        edit(lines -> {
            if (indexes(lines, name).isEmpty()) {
                throw Codes.refuse(Codes.CRONTAB_NOT_FOUND, "no crontab job " + name);
            }
            return without(lines, name);
        });
        LOG.info("Crontab shutdown job {} deleted", name);
    }

    synchronized Schedule select(String name) {
        List<String> lines = read().lines();
        List<Integer> idx = indexes(lines, name);
        if (idx.isEmpty()) {
            throw Codes.refuse(Codes.CRONTAB_NOT_FOUND, "no crontab job " + name);
        }
        if (idx.size() > 1) {
            throw Codes.refuse(Codes.CRONTAB_MULTIPLE, "more than one crontab job " + name);
        }
        return parse(lines.get(idx.get(0)));
    }

    /** Changes the given parts of the schedule of every job with this name; absent parts stay. */
    synchronized void modify(String name, String minute, String hour, String weekly) {
        edit(lines -> {
            List<Integer> idx = indexes(lines, name);
            if (idx.isEmpty()) {
                throw Codes.refuse(Codes.CRONTAB_NOT_FOUND, "no crontab job " + name);
            }
            List<String> out = new ArrayList<>(lines);
            for (int i : idx) {
                Schedule old = parse(lines.get(i));
                Schedule s = new Schedule(minute != null ? minute : old.minute(), hour != null ? hour : old.hour(),
                        weekly != null ? weekly : old.weekly());
                out.set(i, line(s, commandOf(lines.get(i)), name));
            }
            return out;
        });
        LOG.info("Crontab shutdown job {} modified", name);
    }

    // ------------------------------------------------------------------ checks

    static String taskName(String name) {
        if (name == null || !TASK_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("task_name is required: letters and digits only");
        }
        return name;
    }

    static String minute(String v) {
        return number(v, "exec_minute", 59);
    }

    static String hour(String v) {
        return number(v, "exec_hour", 23);
    }

    private static String number(String v, String field, int max) {
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        String t = v.trim();
        if (!t.matches("\\d{1,2}") || Integer.parseInt(t) > max) {
            throw ApiException.badRequest(field + " must be a number from 0 to " + max);
        }
        return Integer.toString(Integer.parseInt(t));
    }

    /** The original's rule: the digits 0-7 of the text (0 and 7 are Sunday), comma-joined; here without repeats. */
    static String weekly(String v) {
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("exec_weekly is required");
        }
        Set<Character> days = new LinkedHashSet<>();
        for (char c : v.toCharArray()) {
            if (c >= '0' && c <= '7') {
                days.add(c);
            } else if (c != ',' && c != ' ') {
                throw ApiException.badRequest("exec_weekly is a comma-separated list of days 0-7");
            }
        }
        if (days.isEmpty()) {
            throw ApiException.badRequest("exec_weekly is a comma-separated list of days 0-7");
        }
        StringBuilder b = new StringBuilder();
        for (char d : days) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(d);
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ lines (pure)

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // the final newline
        }
        return out;
    }

    static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Is this line our job for {@code name}? Its comment must be exactly the tag and the name. */
    static boolean isOurs(String line, String name) {
        int hash = line.lastIndexOf('#');
        String t = line.trim();
        return hash > 0 && !t.startsWith("#") && line.substring(hash + 1).trim().equals(TAG + name);
    }

    static List<Integer> indexes(List<String> lines, String name) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (isOurs(lines.get(i), name)) {
                out.add(i);
            }
        }
        return out;
    }

    static List<String> without(List<String> lines, String name) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!isOurs(l, name)) {
                out.add(l);
            }
        }
        return out;
    }

    static String line(Schedule s, String command, String name) {
        return s.minute() + " " + s.hour() + " * * " + s.weekly() + " " + command + " # " + TAG + name;
    }

    static Schedule parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 6) {
            throw Codes.refuse(Codes.OTHER_ERROR, "unreadable crontab line");
        }
        return new Schedule(f[0], f[1], f[4]);
    }

    /** The command part of one of our lines (between the five time fields and the tag). */
    static String commandOf(String line) {
        String[] f = line.trim().split("\\s+", 6);
        String rest = f.length == 6 ? f[5] : "";
        int hash = rest.lastIndexOf('#');
        return (hash >= 0 ? rest.substring(0, hash) : rest).trim();
    }

    // ------------------------------------------------------------------ the crontab command

    /** A listing of the crontab; {@code exact} when it is the whole crontab, byte for byte (UTF-8). */
    private record Listing(List<String> lines, boolean exact) {
    }

    /**
     * Rewrites the crontab with {@code change} applied, only from an exact listing (a crontab cut at the read limit
     * or holding bytes that are not UTF-8 is never written back), and only when a listing taken just before the
     * write still says the same: a change made meanwhile (a {@code crontab -e}) makes the edit start again from it.
     * The crontab has no lock of its own, so this narrows the window; it cannot close it.
     */
    private void edit(java.util.function.UnaryOperator<List<String>> change) {
        for (int attempt = 1; attempt <= EDIT_ATTEMPTS; attempt++) {
            Listing before = read();
            if (!before.exact()) {
                throw Codes.refuse(Codes.OTHER_ERROR, "the crontab is larger than " + CommandRunner.MAX_OUTPUT
                        + " bytes or is not UTF-8 text: it is not rewritten");
            }
            List<String> out = change.apply(new ArrayList<>(before.lines()));
            if (read().equals(before)) {
                write(out);
                return;
            }
            LOG.info("The crontab changed while it was being edited; starting again from the new one");
        }
        throw Codes.refuse(Codes.OTHER_ERROR, "the crontab keeps changing; try again");
    }

    private Listing read() {
        if (crontab.isEmpty()) {
            throw Codes.refuse(Codes.OTHER_ERROR, "no crontab command configured (command.crontab)");
        }
        CommandRunner.Result r = CommandRunner.run(CommandRunner.argv(crontab, "-l"), null, TIMEOUT);
        if (r.ok()) {
            return new Listing(lines(r.output()), r.exact());
        }
        if (r.exit() > 0 && r.output().toLowerCase(java.util.Locale.ROOT).contains("no crontab")) {
            return new Listing(new ArrayList<>(), true);
        }
        LOG.warn("crontab -l failed: {}", r.output().trim());
        throw Codes.refuse(Codes.OTHER_ERROR, "cannot read the crontab: " + r.output().trim());
    }

    private void write(List<String> lines) {
        CommandRunner.Result r = CommandRunner.run(CommandRunner.argv(crontab, "-"),
                text(lines).getBytes(java.nio.charset.StandardCharsets.UTF_8), TIMEOUT);
        if (!r.ok()) {
            LOG.warn("crontab - failed: {}", r.output().trim());
            throw Codes.refuse(Codes.OTHER_ERROR, "cannot write the crontab: " + r.output().trim());
        }
    }
}
