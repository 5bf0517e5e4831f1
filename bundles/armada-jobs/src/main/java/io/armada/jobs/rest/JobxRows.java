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
import io.armada.jobs.NodeLog;
import io.armada.jobs.Project;
import io.armada.jobs.Subtask;
import io.armada.jobs.Task;

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

    private static Object runtime(Double r) {
        return r == null ? "" : Math.round(r * 1000) / 1000.0;
    }

    /** {@code GET /task/:projectid}: JOBX's list columns; {@code variable} as JSON text (JSON is YAML too). */
    static Map<String, Object> task(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("projectid", t.projectId());
        m.put("uuid", t.uuid());
        m.put("name", t.name());
        m.put("group", t.group());
        m.put("user", t.user());
        m.put("slave", t.slave());
        m.put("status", t.status());
        m.put("starttime", time(t.startTime()));
        m.put("finishtime", time(t.finishTime()));
        m.put("calltype", t.calltype());
        m.put("runtime", runtime(t.runtime()));
        m.put("reason", t.reason());
        m.put("variable", t.variable() == null ? "" : t.variable().toString());
        return m;
    }

    /** {@code GET /task/:projectid/:uuid}: the row with the times in milliseconds. */
    static Map<String, Object> taskDetail(Task t) {
        Map<String, Object> m = task(t);
        m.put("starttimems", t.startTime() == null ? "" : t.startTime().toEpochMilli());
        m.put("finishtimems", t.finishTime() == null ? "" : t.finishTime().toEpochMilli());
        return m;
    }

    /** {@code analysis/last}: {@code user, runtime, status, name}. */
    static Map<String, Object> lastRow(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", t.user());
        m.put("runtime", runtime(t.runtime()));
        m.put("status", t.status());
        m.put("name", t.name());
        return m;
    }

    /** {@code GET /subtask/:projectid/:taskuuid}: JOBX's columns, {@code nodelist} a comma text. */
    static Map<String, Object> subtask(Subtask s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("parent_uuid", s.parentUuid());
        m.put("uuid", s.uuid());
        m.put("nodelist", String.join(",", s.nodes()));
        m.put("nodecount", s.nodes().size());
        m.put("starttime", time(s.startTime()));
        m.put("finishtime", time(s.finishTime()));
        m.put("runtime", runtime(s.runtime()));
        m.put("status", s.status());
        m.put("confirm", s.confirm());
        return m;
    }

    /** {@code GET /slave/:slave/log/:uuid}: one row per node and step. */
    static Map<String, Object> nodeLog(NodeLog l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", l.subtaskUuid());
        m.put("batch", l.seq());
        m.put("node", l.node());
        m.put("step", l.step());
        m.put("code", l.code());
        m.put("result", l.result());
        m.put("output", l.output());
        m.put("time", time(l.time()));
        return m;
    }
}
