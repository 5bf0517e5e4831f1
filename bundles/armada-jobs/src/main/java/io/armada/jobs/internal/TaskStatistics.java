package io.armada.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.armada.jobs.JobsService;
import io.armada.jobs.Task;

/** The statistics routes of a project's tasks (reference §001.4: count, analysis/last, date, hour, runtime). */
final class TaskStatistics {
    /** JOBX's buckets in minutes; a task still running counts in none. */
    static final String[] BUCKETS = {"0-1", "1-3", "3-5", "5-10", "10-30", "30+"};
    private static final double[] LIMITS = {60, 180, 300, 600, 1800};

    private final TaskDao dao;
    private final JobsService jobs;
    private final Clock clock;

    TaskStatistics(TaskDao dao, JobsService jobs, Clock clock) {
        this.dao = dao;
        this.jobs = jobs;
        this.clock = clock;
    }

    private ZoneId zone() {
        return ZoneId.systemDefault();
    }

    Map<String, Long> countThisMonth(long projectId) {
        jobs.project(projectId);
        ZonedDateTime now = clock.instant().atZone(zone());
        Instant from = now.toLocalDate().withDayOfMonth(1).atStartOfDay(zone()).toInstant();
        Map<String, Long> out = new TreeMap<>();
        for (String s : List.of(TaskStates.SUCCESS, TaskStates.RUNNING, TaskStates.FAIL)) {
            out.put(s, 0L);
        }
        for (Task t : dao.since(projectId, from, TaskServiceImpl.MAX_STATS_ROWS)) {
            out.merge(t.status(), 1L, Long::sum);
        }
        return out;
    }

    List<Task> last(long projectId, int count) {
        jobs.project(projectId);
        return dao.last(projectId, Math.max(1, Math.min(count, TaskServiceImpl.MAX_LIST)));
    }

    private List<Task> lastThirtyDays(long projectId) {
        jobs.project(projectId);
        Instant from = clock.instant().atZone(zone()).toLocalDate().minusDays(30).atStartOfDay(zone()).toInstant();
        return dao.since(projectId, from, TaskServiceImpl.MAX_STATS_ROWS);
    }

    List<List<Object>> perDay(long projectId) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd");
        Map<String, long[]> days = new TreeMap<>();
        for (Task t : lastThirtyDays(projectId)) {
            long[] c = days.computeIfAbsent(day.format(t.startTime().atZone(zone())), k -> new long[2]);
            c[0]++;
            if (TaskStates.SUCCESS.equals(t.status())) {
                c[1]++;
            }
        }
        List<List<Object>> out = new ArrayList<>();
        days.forEach((d, c) -> out.add(List.of(d, c[0], c[1])));
        return out;
    }

    List<List<Object>> perHour(long projectId) {
        Map<String, Long> hours = new TreeMap<>();
        for (Task t : lastThirtyDays(projectId)) {
            hours.merge(String.format("%02d", t.startTime().atZone(zone()).getHour()), 1L, Long::sum);
        }
        List<List<Object>> out = new ArrayList<>();
        hours.forEach((h, n) -> out.add(List.of(h, n)));
        return out;
    }

    static Map<String, String> shares(List<Double> runtimes) {
        long[] n = new long[BUCKETS.length];
        long total = 0;
        for (Double r : runtimes) {
            if (r == null) {
                continue;
            }
            int i = 0;
            while (i < LIMITS.length && r >= LIMITS[i]) {
                i++;
            }
            n[i]++;
            total++;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < BUCKETS.length; i++) {
            out.put(BUCKETS[i], String.format(java.util.Locale.ROOT, "%.2f", total == 0 ? 0.0 : 100.0 * n[i] / total));
        }
        return out;
    }

    Map<String, String> runtimeShares(long projectId) {
        return shares(lastThirtyDays(projectId).stream().map(Task::runtime).toList());
    }
}
