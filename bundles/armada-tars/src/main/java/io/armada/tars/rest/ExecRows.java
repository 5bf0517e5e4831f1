package io.armada.tars.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.tars.PatchPackage;
import io.armada.tars.TarsPage;
import io.armada.tars.TargetResult;
import io.armada.tars.TaskItem;
import io.armada.tars.TaskStatus;
import io.armada.tars.TaskView;

/** Part 2's rows in TarsWeb's field names and order: packages, tasks and their items, per-target results. */
final class ExecRows {
    private ExecRows() {
    }

    /** {@code upload_patch_package}'s answer. */
    static Map<String, Object> uploaded(PatchPackage p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("server", p.server());
        m.put("tgz", p.tgz());
        m.put("md5", p.md5());
        m.put("comment", p.comment());
        m.put("posttime", TarsRows.time(p.uploadTime()));
        return m;
    }

    static Map<String, Object> patch(PatchPackage p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("server", p.server());
        m.put("tgz", p.tgz());
        m.put("comment", p.comment());
        m.put("posttime", TarsRows.time(p.uploadTime()));
        m.put("upload_time", TarsRows.time(p.uploadTime()));
        m.put("upload_user", p.uploadUser());
        m.put("publish_time", TarsRows.time(p.publishTime()));
        m.put("default_version", p.defaultVersion() ? 1 : 0);
        m.put("md5", p.md5());
        m.put("size", p.size());
        return m;
    }

    static Map<String, Object> patches(TarsPage<PatchPackage> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", page.count());
        m.put("rows", page.rows().stream().map(ExecRows::patch).toList());
        return m;
    }

    static Map<String, Object> task(TaskView t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_no", t.taskNo());
        m.put("serial", t.serial());
        m.put("status", t.status());
        m.put("create_time", TarsRows.time(t.createTime()));
        m.put("userName", t.userName());
        m.put("percent", percent(t));
        m.put("items", t.items().stream().map(ExecRows::item).toList());
        return m;
    }

    /** The task's progress: the share of its items that ended (success, failure or cancel), 0..100, rounded down. */
    static int percent(TaskView t) {
        List<TaskItem> items = t.items();
        if (items.isEmpty()) {
            return TaskStatus.done(t.status()) ? 100 : 0;
        }
        long ended = items.stream().filter(i -> TaskStatus.done(i.status())).count();
        return (int) (ended * 100 / items.size());
    }

    static Map<String, Object> item(TaskItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_no", i.taskNo());
        m.put("item_no", i.itemNo());
        m.put("server_id", i.serverId());
        m.put("application", i.application());
        m.put("server_name", i.serverName());
        m.put("node_name", i.nodeName());
        m.put("command", i.command());
        m.put("parameters", i.parameters());
        m.put("start_time", TarsRows.time(i.startTime()));
        m.put("end_time", TarsRows.time(i.endTime()));
        m.put("status", i.status());
        m.put("status_info", i.statusInfo());
        m.put("execute_info", i.executeInfo());
        m.put("percent", i.percent());
        return m;
    }

    static Map<String, Object> tasks(TarsPage<TaskView> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", page.count());
        m.put("rows", page.rows().stream().map(ExecRows::task).toList());
        return m;
    }

    static List<Map<String, Object>> targets(List<TargetResult> results) {
        return results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server_id", r.serverId());
            m.put("application", r.application());
            m.put("server_name", r.serverName());
            m.put("node_name", r.nodeName());
            m.put("ret_code", r.retCode());
            m.put("err_msg", r.errMsg());
            return m;
        }).toList();
    }

    /** {@code upload_and_publish}'s plain text: the package, then one line per item. */
    static String publishReport(PatchPackage p, TaskView t) {
        StringBuilder b = new StringBuilder();
        b.append("upload ").append(p.server()).append(" package ").append(p.id()).append(" (").append(p.tgz())
                .append(", md5 ").append(p.md5()).append(") success\n");
        if (t == null) {
            b.append("publish: no node to publish to\n");
            return b.toString();
        }
        b.append("publish task ").append(t.taskNo()).append(": ").append(statusWord(t.status())).append('\n');
        for (TaskItem i : t.items()) {
            b.append(i.nodeName()).append(' ').append(i.command()).append(": ").append(statusWord(i.status()));
            if (!i.statusInfo().isEmpty()) {
                b.append(" (").append(i.statusInfo().replace('\n', ' ')).append(')');
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String statusWord(int status) {
        return switch (status) {
            case 0 -> "not started";
            case 1 -> "running";
            case 2 -> "success";
            case 3 -> "failed";
            case 4 -> "cancelled";
            case 5 -> "partly failed";
            default -> "status " + status;
        };
    }
}
