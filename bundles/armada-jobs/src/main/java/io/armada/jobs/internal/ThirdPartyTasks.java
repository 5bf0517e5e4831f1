package io.armada.jobs.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ApiException;
import io.armada.jobs.Subtask;
import io.armada.jobs.Task;
import io.armada.jobs.TaskService.Started;
import io.armada.persistence.DuplicateKeyException;

/**
 * JOBX's third-party interface (reference §001.5): dry-run, invoke (idempotent), query and stop by the caller's uuid;
 * a task is made and stopped by {@link TaskServiceImpl}'s own rules.
 */
final class ThirdPartyTasks {
    private final TaskDao dao;
    private final TaskServiceImpl tasks;
    private final Clock clock;

    ThirdPartyTasks(TaskDao dao, TaskServiceImpl tasks, Clock clock) {
        this.dao = dao;
        this.tasks = tasks;
        this.clock = clock;
    }

    String thirdUuid(String uuid, Integer retryCount) {
        return TaskUuids.third(uuid, retryCount);
    }

    private record ThirdParams(String jobName, String group, JsonNode variable) {
    }

    private static ThirdParams thirdParams(JsonNode params) {
        if (params == null || params.isNull() || params.isMissingNode()) {
            throw ApiException.badRequest("params undef");
        }
        if (!params.isObject()) {
            throw ApiException.badRequest("params no HASH");
        }
        String job = params.path("jobname").isTextual() ? params.get("jobname").asText() : null;
        String group = params.path("group").isTextual() ? params.get("group").asText() : null;
        if (job == null || job.isBlank() || job.contains("'") || job.length() > 128) {
            throw ApiException.badRequest("check params format fail jobname");
        }
        if (group == null || group.isBlank() || group.contains("'") || group.length() > 128) {
            throw ApiException.badRequest("check params format fail group");
        }
        JsonNode v = TaskRules.variable(params.get("variable"), "check params variable no HASH");
        return new ThirdParams(job.trim(), group.trim(), v);
    }

    String dryRun(String user, long projectId, String uuid, JsonNode params) {
        ThirdParams p = thirdParams(params);
        tasks.plan(projectId, p.jobName(), p.group());
        if (dao.task(uuid).isPresent()) {
            throw ApiException.badRequest("uuid has already existed in the task");
        }
        return uuid;
    }

    Started invoke(String user, long projectId, String uuid, JsonNode params) {
        ThirdParams p = thirdParams(params);
        if (dao.task(uuid).isPresent()) {
            return null;
        }
        TaskServiceImpl.Plan plan = tasks.plan(projectId, p.jobName(), p.group());
        try {
            return tasks.create(user, projectId, uuid, plan, p.variable());
        } catch (DuplicateKeyException e) {
            return null;
        }
    }

    private static String link(Task t) {
        return "/api/jobx/task/" + t.projectId() + "/" + t.uuid();
    }

    private List<Integer> progress(String uuid) {
        List<Subtask> subs = dao.subtasks(uuid);
        int started = 0;
        for (Subtask s : subs) {
            if (s.startTime() != null) {
                started++;
            }
        }
        return List.of(started, subs.size());
    }

    private boolean waitsForConfirm(String uuid) {
        return dao.subtasks(uuid).stream().anyMatch(s -> TaskStates.waiting(s.status(), s.confirm()));
    }

    Map<String, Object> query(String uuid) {
        Task deploy = dao.task(uuid).orElse(null);
        Task roll = dao.task(TaskUuids.rollbackOf(uuid)).orElse(null);
        if (deploy == null && roll == null) {
            throw ApiException.badRequest("no find uuid");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Task shown;
        String type;
        String status;
        if (roll == null || deploy == null) {
            shown = deploy == null ? roll : deploy;
            type = "deploy";
            status = "running";
        } else if (TaskServiceImpl.NULL.equals(roll.slave())) {
            shown = deploy;
            type = "deployonly";
            status = TaskStates.thirdStatus(deploy.status());
        } else {
            shown = roll;
            type = "rollback";
            status = TaskStates.thirdStatus(roll.status());
        }
        boolean waiting = waitsForConfirm(shown.uuid());
        List<String> ctrl = new ArrayList<>();
        if (waiting) {
            for (Subtask s : dao.subtasks(shown.uuid())) {
                if (TaskStates.waiting(s.status(), s.confirm())) {
                    ctrl.add("/api/jobx/subtask/" + shown.projectId() + "/" + s.uuid() + "/confirm");
                }
            }
        }
        if (type.equals("deploy") && TaskStates.taskEnded(shown.status())) {
            ctrl.add(link(shown) + "/rollback");
            ctrl.add(link(shown) + "/norollback");
        }
        out.put("status", status);
        out.put("msg", waiting ? "Wait for manual treatment" : "");
        out.put("type", type);
        out.put("link", link(shown));
        out.put("progress", progress(shown.uuid()));
        out.put("ctrl", ctrl);
        return out;
    }

    String thirdStop(String user, String uuid) {
        Task deploy = dao.task(uuid).orElse(null);
        String ruuid = TaskUuids.rollbackOf(uuid);
        Task roll = dao.task(ruuid).orElse(null);
        if (deploy == null && roll == null) {
            throw ApiException.badRequest("no find task");
        }
        if (deploy != null && roll == null) {
            try {
                dao.insert(TaskServiceImpl.placeholder(deploy.projectId(), uuid, clock.instant()), null,
                        tasks.note(user, "JOBX TASK ROLLBACK: UUID:" + uuid + " ROLLBACK:No (third-party stop)"));
            } catch (DuplicateKeyException meanwhile) {
                // written by another call: the same
            }
            roll = dao.task(ruuid).orElse(null);
        }
        Task target = roll != null && !TaskServiceImpl.NULL.equals(roll.slave()) ? roll : deploy != null ? deploy : roll;
        if (TaskStates.taskEnded(target.status())) {
            return "jobx uuid:" + target.uuid() + " status: " + target.status();
        }
        String why = tasks.stop(user, target.projectId(), target.uuid());
        return why == null ? null : "jobx uuid:" + target.uuid() + " status: " + target.status();
    }
}
