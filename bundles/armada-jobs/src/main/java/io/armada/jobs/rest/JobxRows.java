package io.armada.jobs.rest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.jobs.Group;
import io.armada.jobs.JobDef;
import io.armada.jobs.LogEntry;
import io.armada.jobs.Project;

/** Rows in JOBX's field names; times {@code YYYY-MM-DD HH:mm:ss} in the server's zone (MySQL DATETIME as JOBX shows). */
final class JobxRows {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private JobxRows() {
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    static Map<String, Object> id(long id) {
        return Map.of("id", id);
    }

    static Map<String, Object> project(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("nodes", p.nodes());
        m.put("create_time", time(p.createTime()));
        return m;
    }

    static Map<String, Object> job(JobDef j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("projectid", j.projectId());
        m.put("name", j.name());
        m.put("steps", j.steps());
        m.put("rollback", j.rollback());
        m.put("edit_time", time(j.editTime()));
        return m;
    }

    /** {@code GET /group/:projectid}: JOBX's list columns. */
    static Map<String, Object> group(Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("name", g.name());
        m.put("note", g.note());
        m.put("group_type", g.groupType());
        m.put("group_uuid", g.groupUuid());
        m.put("edit_time", time(g.editTime()));
        return m;
    }

    /** {@code GET /group/:projectid/:id}: the row merged with its type's {@code node} or {@code percent}. */
    static Map<String, Object> groupDetail(Group g) {
        Map<String, Object> m = group(g);
        m.put("projectid", g.projectId());
        m.put(g.groupType().equals("list") ? "node" : "percent", g.spec());
        return m;
    }

    static List<Map<String, Object>> log(List<LogEntry> entries) {
        return entries.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("user", e.user());
            m.put("info", e.info());
            m.put("create_time", time(e.createTime()));
            return m;
        }).toList();
    }
}
