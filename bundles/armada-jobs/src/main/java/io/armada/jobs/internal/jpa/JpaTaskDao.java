package io.armada.jobs.internal.jpa;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import io.armada.jobs.NodeLog;
import io.armada.jobs.Subtask;
import io.armada.jobs.Task;
import io.armada.jobs.TaskFilter;
import io.armada.jobs.internal.JobsDao;
import io.armada.jobs.internal.TaskDao;
import io.armada.jobs.internal.TaskStates;
import io.armada.persistence.JpaStore;

/** Tasks, subtasks and node answers in JOBS_TASK, JOBS_SUBTASK and JOBS_NODE_LOG; audit lines in JOBS_LOG. */
public final class JpaTaskDao implements TaskDao {
    private final JpaStore store;

    public JpaTaskDao(JpaStore store) {
        this.store = store;
    }

    private static TaskEntity entity(NewTask t) {
        TaskEntity e = new TaskEntity();
        e.projectId = t.projectId();
        e.uuid = t.uuid();
        e.name = t.name();
        e.group = t.group();
        e.user = t.user();
        e.slave = t.slave();
        e.status = t.status();
        e.startTime = t.at().toEpochMilli();
        e.calltype = t.calltype();
        e.variable = JsonText.of(t.variable());
        e.reason = "";
        e.steps = JsonText.of(t.steps());
        e.stopped = false;
        if (TaskStates.taskEnded(t.status())) {
            e.finishTime = e.startTime;
            e.runtime = 0.0;
        }
        return e;
    }

    @Override
    public Task insert(NewTask task, NewTask placeholder, JobsDao.Note note) {
        return store.tx(em -> {
            TaskEntity e = entity(task);
            em.persist(e);
            for (int i = 0; i < task.batches().size(); i++) {
                List<String> batch = task.batches().get(i);
                SubtaskEntity s = new SubtaskEntity();
                s.parentUuid = task.uuid();
                s.uuid = task.subtaskUuids().get(i);
                s.seq = i + 1;
                s.nodelist = String.join(",", batch);
                s.nodecount = batch.size();
                s.status = TaskStates.INIT;
                s.confirm = "";
                s.step = 0;
                s.stepState = "";
                em.persist(s);
            }
            if (placeholder != null) {
                em.persist(entity(placeholder));
            }
            em.persist(LogEntity.of(task.projectId(), note.user(), note.info(), note.at()));
            em.flush();
            return e.toDTO();
        });
    }

    private static Optional<TaskEntity> find(EntityManager em, String uuid) {
        return em.createQuery("select t from TaskEntity t where t.uuid = :u", TaskEntity.class).setParameter("u", uuid)
                .getResultList().stream().findFirst();
    }

    private static List<SubtaskEntity> subs(EntityManager em, String taskUuid) {
        return em.createQuery("select s from SubtaskEntity s where s.parentUuid = :u order by s.seq", SubtaskEntity.class)
                .setParameter("u", taskUuid).getResultList();
    }

    @Override
    public Optional<Task> task(String uuid) {
        return store.tx(em -> find(em, uuid).map(TaskEntity::toDTO));
    }

    @Override
    public Optional<Run> run(String uuid) {
        return store.tx(em -> find(em, uuid).map(t -> new Run(t.toDTO(), JsonText.nodes(t.steps), t.stopped,
                subs(em, uuid).stream().map(s -> new SubRow(s.toDTO(), s.stepState, s.requestId, s.runId)).toList())));
    }

    @Override
    public List<Task> tasks(TaskFilter f, int max) {
        return store.tx(em -> {
            StringBuilder q = new StringBuilder("select t from TaskEntity t where t.projectId in :p");
            if (f.name() != null) {
                q.append(" and t.name like :name escape '\\'");
            }
            if (f.user() != null) {
                q.append(" and t.user = :user");
            }
            if (f.status() != null) {
                q.append(" and t.status = :status");
            }
            if (f.uuid() != null) {
                q.append(" and t.uuid = :uuid");
            }
            if (f.timeStart() != null) {
                q.append(" and t.startTime >= :from");
            }
            if (f.timeEnd() != null) {
                q.append(" and t.startTime < :to");
            }
            if (!f.allowSlaveNull()) {
                q.append(" and t.slave <> '_null_'");
            }
            q.append(" order by t.id desc");
            TypedQuery<TaskEntity> query = em.createQuery(q.toString(), TaskEntity.class).setParameter("p",
                    f.projectIds());
            if (f.name() != null) {
                query.setParameter("name", "%" + f.name().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                        + "%");
            }
            if (f.user() != null) {
                query.setParameter("user", f.user());
            }
            if (f.status() != null) {
                query.setParameter("status", f.status());
            }
            if (f.uuid() != null) {
                query.setParameter("uuid", f.uuid());
            }
            ZoneId zone = ZoneId.systemDefault();
            if (f.timeStart() != null) {
                query.setParameter("from", f.timeStart().atStartOfDay(zone).toInstant().toEpochMilli());
            }
            if (f.timeEnd() != null) {
                query.setParameter("to", f.timeEnd().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
            }
            return query.setMaxResults(max).getResultList().stream().map(TaskEntity::toDTO).toList();
        });
    }

    @Override
    public List<Subtask> subtasks(String taskUuid) {
        return store.tx(em -> subs(em, taskUuid).stream().map(SubtaskEntity::toDTO).toList());
    }

    @Override
    public Optional<Subtask> subtask(String uuid) {
        return store.tx(em -> em.createQuery("select s from SubtaskEntity s where s.uuid = :u", SubtaskEntity.class)
                .setParameter("u", uuid).getResultList().stream().findFirst().map(SubtaskEntity::toDTO));
    }

    @Override
    public List<String> unfinished(String slave) {
        return store.tx(em -> em.createQuery("select t.uuid from TaskEntity t where t.slave = :s and t.status in :st"
                + " order by t.id", String.class).setParameter("s", slave)
                .setParameter("st", List.of(TaskStates.INIT, TaskStates.RUNNING)).getResultList());
    }

    @Override
    public java.util.Map<String, String> unfinishedSlaves() {
        return store.tx(em -> {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            for (Object[] r : em.createQuery("select t.uuid, t.slave from TaskEntity t where t.status in :st"
                    + " order by t.id", Object[].class).setParameter("st", List.of(TaskStates.INIT, TaskStates.RUNNING))
                    .getResultList()) {
                out.put((String) r[0], (String) r[1]);
            }
            return out;
        });
    }

    @Override
    public boolean adopt(String uuid, String from, String to) {
        return store.tx(em -> em.createQuery("update TaskEntity t set t.slave = :to where t.uuid = :u"
                + " and t.slave = :from and t.status in :st").setParameter("to", to).setParameter("u", uuid)
                .setParameter("from", from).setParameter("st", List.of(TaskStates.INIT, TaskStates.RUNNING))
                .executeUpdate() == 1);
    }

    @Override
    public long unfinishedCount() {
        return store.tx(em -> em.createQuery("select count(t) from TaskEntity t where t.status in :st", Long.class)
                .setParameter("st", List.of(TaskStates.INIT, TaskStates.RUNNING)).getSingleResult());
    }

    @Override
    public boolean taskRunning(String uuid, Instant at) {
        return store.tx(em -> em.createQuery("update TaskEntity t set t.status = :to, t.startTime = :at"
                + " where t.uuid = :u and t.status = :from").setParameter("to", TaskStates.RUNNING)
                .setParameter("at", at.toEpochMilli()).setParameter("u", uuid).setParameter("from", TaskStates.INIT)
                .executeUpdate() == 1);
    }

    private static double seconds(long fromMs, long toMs) {
        return Math.max(0, toMs - fromMs) / 1000.0;
    }

    @Override
    public boolean endTask(String uuid, String from, String to, String reason, Instant at) {
        return store.tx(em -> {
            Optional<TaskEntity> t = find(em, uuid);
            if (t.isEmpty() || !t.get().status.equals(from) || !TaskStates.taskMay(from, to)) {
                return false;
            }
            long now = at.toEpochMilli();
            return em.createQuery("update TaskEntity t set t.status = :to, t.finishTime = :at, t.runtime = :rt,"
                    + " t.reason = :r where t.uuid = :u and t.status = :from").setParameter("to", to)
                    .setParameter("at", now).setParameter("rt", seconds(t.get().startTime, now))
                    .setParameter("r", reason == null ? t.get().reason : cut(reason))
                    .setParameter("u", uuid).setParameter("from", from).executeUpdate() == 1;
        });
    }

    private static String cut(String s) {
        return s.length() > 1024 ? s.substring(0, 1024) : s;
    }

    @Override
    public boolean subtaskRunning(String uuid, Instant at) {
        return store.tx(em -> em.createQuery("update SubtaskEntity s set s.status = :to, s.startTime = :at, s.step = 0,"
                + " s.stepState = '' where s.uuid = :u and s.status = :from").setParameter("to", TaskStates.RUNNING)
                .setParameter("at", at.toEpochMilli()).setParameter("u", uuid).setParameter("from", TaskStates.INIT)
                .executeUpdate() == 1);
    }

    @Override
    public boolean stepSending(String uuid, int step, String runId) {
        return store.tx(em -> em.createQuery("update SubtaskEntity s set s.stepState = 'sending', s.runId = :run,"
                + " s.requestId = null where s.uuid = :u and s.status = :running and s.step = :k and s.stepState = ''")
                .setParameter("run", runId).setParameter("u", uuid).setParameter("running", TaskStates.RUNNING)
                .setParameter("k", step).executeUpdate() == 1);
    }

    @Override
    public boolean stepSent(String uuid, int step, String requestId) {
        return store.tx(em -> em.createQuery("update SubtaskEntity s set s.stepState = 'sent', s.requestId = :r"
                + " where s.uuid = :u and s.status = :running and s.step = :k and s.stepState = 'sending'")
                .setParameter("r", requestId).setParameter("u", uuid).setParameter("running", TaskStates.RUNNING)
                .setParameter("k", step).executeUpdate() == 1);
    }

    @Override
    public boolean stepEnded(String uuid, int step, List<NodeLog> logs, String outcome, Instant at) {
        return store.tx(em -> {
            List<SubtaskEntity> found = em.createQuery("select s from SubtaskEntity s where s.uuid = :u",
                    SubtaskEntity.class).setParameter("u", uuid).getResultList();
            if (found.isEmpty()) {
                return false;
            }
            SubtaskEntity s = found.get(0);
            long now = at.toEpochMilli();
            double rt = seconds(s.startTime == null ? now : s.startTime, now);
            String set = switch (outcome) {
                case "next" -> "s.step = s.step + 1, s.stepState = ''";
                case TaskStates.SUCCESS -> "s.step = s.step + 1, s.stepState = '', s.status = 'success',"
                        + " s.finishTime = :at, s.runtime = :rt";
                case TaskStates.FAIL -> "s.stepState = '', s.status = 'fail', s.confirm = 'WaitConfirm',"
                        + " s.finishTime = :at, s.runtime = :rt";
                case TaskStates.CANCEL -> "s.stepState = '', s.status = 'cancel', s.finishTime = :at, s.runtime = :rt";
                default -> throw new IllegalArgumentException(outcome);
            };
            var q = em.createQuery("update SubtaskEntity s set " + set + " where s.uuid = :u and s.status = :running"
                    + " and s.step = :k and s.stepState in ('sending', 'sent')").setParameter("u", uuid)
                    .setParameter("running", TaskStates.RUNNING).setParameter("k", step);
            if (!outcome.equals("next")) {
                q.setParameter("at", now).setParameter("rt", rt);
            }
            if (q.executeUpdate() != 1) {
                return false;
            }
            for (NodeLog l : logs) {
                em.persist(NodeLogEntity.of(l));
            }
            return true;
        });
    }

    @Override
    public boolean confirm(String uuid, long projectId, JobsDao.Note note) {
        return store.tx(em -> {
            int n = em.createQuery("update SubtaskEntity s set s.confirm = :stop where s.uuid = :u and s.confirm = :wait"
                    + " and s.status = :fail and s.parentUuid in (select t.uuid from TaskEntity t where t.projectId = :p)")
                    .setParameter("stop", TaskStates.TASK_STOP).setParameter("u", uuid)
                    .setParameter("wait", TaskStates.WAIT_CONFIRM).setParameter("fail", TaskStates.FAIL)
                    .setParameter("p", projectId).executeUpdate();
            if (n == 1) {
                em.persist(LogEntity.of(projectId, note.user(), note.info(), note.at()));
            }
            return n == 1;
        });
    }

    @Override
    public Optional<Stopped> stop(long projectId, String uuid, JobsDao.Note note) {
        return store.tx(em -> {
            Optional<TaskEntity> found = find(em, uuid).filter(t -> t.projectId == projectId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            TaskEntity t = found.get();
            if (TaskStates.taskEnded(t.status)) {
                return Optional.of(new Stopped(t.toDTO(), true, null));
            }
            t.stopped = true;
            t.reason = cut("stopped by " + note.user());
            em.createQuery("update SubtaskEntity s set s.status = :cancel, s.finishTime = :at where s.parentUuid = :u"
                    + " and s.status = :init").setParameter("cancel", TaskStates.CANCEL)
                    .setParameter("at", note.at().toEpochMilli()).setParameter("u", uuid)
                    .setParameter("init", TaskStates.INIT).executeUpdate();
            em.createQuery("update SubtaskEntity s set s.confirm = :stop where s.parentUuid = :u and s.confirm = :wait")
                    .setParameter("stop", TaskStates.TASK_STOP).setParameter("u", uuid)
                    .setParameter("wait", TaskStates.WAIT_CONFIRM).executeUpdate();
            String requestId = null;
            for (SubtaskEntity s : subs(em, uuid)) {
                if (s.status.equals(TaskStates.RUNNING) && "sent".equals(s.stepState)) {
                    requestId = s.requestId;
                }
            }
            em.persist(LogEntity.of(projectId, note.user(), note.info(), note.at()));
            em.flush();
            return Optional.of(new Stopped(t.toDTO(), false, requestId));
        });
    }

    @Override
    public boolean cancelRunning(String subtaskUuid, Instant at) {
        return store.tx(em -> em.createQuery("update SubtaskEntity s set s.status = :cancel, s.finishTime = :at"
                + " where s.uuid = :u and s.status = :running and s.stepState = ''")
                .setParameter("cancel", TaskStates.CANCEL).setParameter("at", at.toEpochMilli())
                .setParameter("u", subtaskUuid).setParameter("running", TaskStates.RUNNING).executeUpdate() == 1);
    }

    @Override
    public List<NodeLog> logs(String uuid, int max) {
        return store.tx(em -> {
            List<NodeLogEntity> rows = em.createQuery("select l from NodeLogEntity l where l.taskUuid = :u"
                    + " or l.subtaskUuid = :u order by l.id", NodeLogEntity.class).setParameter("u", uuid)
                    .setMaxResults(max).getResultList();
            List<NodeLog> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(r.toDTO()));
            return out;
        });
    }

    @Override
    public List<Task> since(long projectId, Instant from, int max) {
        return store.tx(em -> em.createQuery("select t from TaskEntity t where t.projectId = :p and t.startTime >= :f"
                + " and t.slave <> '_null_' order by t.id", TaskEntity.class).setParameter("p", projectId)
                .setParameter("f", from.toEpochMilli()).setMaxResults(max).getResultList().stream()
                .map(TaskEntity::toDTO).toList());
    }

    @Override
    public List<Task> last(long projectId, int count) {
        return store.tx(em -> em.createQuery("select t from TaskEntity t where t.projectId = :p"
                + " and t.slave <> '_null_' order by t.id desc", TaskEntity.class).setParameter("p", projectId)
                .setMaxResults(count).getResultList().stream().map(TaskEntity::toDTO).toList());
    }
}
