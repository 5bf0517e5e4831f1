package io.armada.monitor.internal.servers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The processes of the machine grouped by session, read from {@code /proc/<pid>/stat}: each managed service runs
 * in a session of its own (its start script is started with {@code setsid}), so the session id finds every process
 * of the service, the daemons its script left behind included. One scan serves every question for
 * {@code maxAgeMillis} (a status sweep of many services costs one scan); CPU percentages are taken between two scans.
 * Zombies are not counted: they run nothing.
 */
public final class ProcTable {
    /** Linux's USER_HZ and the usual page size: the units of utime/stime and rss in {@code stat}. */
    static final long TICKS_PER_SECOND = 100;
    static final long PAGE_SIZE = 4096;

    /** The live processes of one session, with their summed CPU time and resident memory. */
    public record Group(List<Long> pids, long cpuTicks, long rssBytes, double cpuPercent) {
        static final Group EMPTY = new Group(List.of(), 0, 0, 0);
    }

    /** {@code atMillis} when it was taken; {@code fresh} false once invalidated (still the base of CPU percentages). */
    private record Scan(long atMillis, Map<Long, Group> bySession, boolean fresh) {
    }

    private final Path proc;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private Scan last;

    public ProcTable(Path proc, long maxAgeMillis, LongSupplier clock) {
        this.proc = proc;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    /** The live processes of session {@code sid} (empty when none, or {@code sid} &lt;= 0). */
    public Group session(long sid) {
        if (sid <= 0) {
            return Group.EMPTY;
        }
        return scan().bySession().getOrDefault(sid, Group.EMPTY);
    }

    /** The live processes of session {@code sid}, read now (after a signal, to see what is left). */
    public Group sessionNow(long sid) {
        invalidate();
        return session(sid);
    }

    /** The next question scans again: a script ran, processes came or went. */
    public synchronized void invalidate() {
        if (last != null) {
            last = new Scan(last.atMillis(), last.bySession(), false); // kept for the next CPU percentages
        }
    }

    private synchronized Scan scan() {
        long now = clock.getAsLong();
        if (last != null && last.fresh() && now - last.atMillis() < maxAgeMillis) {
            return last;
        }
        Map<Long, List<long[]>> raw = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                long[] stat = readStat(d.resolve("stat"));
                if (stat != null) {
                    raw.computeIfAbsent(stat[1], k -> new ArrayList<>()).add(stat);
                }
            }
        } catch (IOException e) {
            // no /proc: nothing runs that we can see
        }
        Map<Long, Group> groups = new HashMap<>();
        double seconds = last == null ? 0 : (now - last.atMillis()) / 1000.0;
        for (Map.Entry<Long, List<long[]>> e : raw.entrySet()) {
            List<Long> pids = new ArrayList<>();
            long ticks = 0;
            long rss = 0;
            for (long[] s : e.getValue()) {
                pids.add(s[0]);
                ticks += s[2];
                rss += s[3] * PAGE_SIZE;
            }
            pids.sort(null);
            double percent = 0;
            if (last != null && seconds > 0) {
                Group before = last.bySession().get(e.getKey());
                if (before != null && ticks >= before.cpuTicks()) {
                    percent = Math.round((ticks - before.cpuTicks()) * 1000.0 / TICKS_PER_SECOND / seconds) / 10.0;
                }
            }
            groups.put(e.getKey(), new Group(List.copyOf(pids), ticks, rss, percent));
        }
        last = new Scan(now, groups, true);
        return last;
    }

    /** {pid, session, utime+stime, rss pages} of a live process, or null (gone, zombie, unreadable). */
    static long[] readStat(Path stat) {
        String s;
        try {
            // Latin-1: a command name that is not UTF-8 must not hide the process
            s = new String(Files.readAllBytes(stat), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return parseStat(s);
    }

    static long[] parseStat(String s) {
        int close = s.lastIndexOf(')');
        int space = s.indexOf(' ');
        if (close < 0 || space < 0) {
            return null;
        }
        String[] f = s.substring(close + 2).trim().split(" ");
        // f[0] state, f[1] ppid, f[2] pgrp, f[3] session, ..., f[11] utime, f[12] stime, ..., f[21] rss
        if (f.length < 22 || f[0].equals("Z") || f[0].equals("X")) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(s.substring(0, space)), Long.parseLong(f[3]),
                Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[21])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
