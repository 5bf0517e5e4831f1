package io.armada.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.armada.core.ApiException;
import io.armada.jobs.Group;
import io.armada.jobs.JobDef;
import io.armada.jobs.JobsService;
import io.armada.jobs.NodeLog;
import io.armada.jobs.Subtask;
import io.armada.jobs.Task;
import io.armada.jobs.TaskFilter;
import io.armada.jobs.TaskService;
import io.armada.jobs.internal.jpa.JpaTaskDao;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.persistence.ServerLeases;

/** Tasks with JOBX's rules (reference §001.4, §001.5); the work itself is {@link TaskRunner}'s. */
@Component(service = TaskService.class, configurationPid = "io.armada.jobs")
@Designate(ocd = JobsConfiguration.class)
public class TaskServiceImpl implements TaskService {
    private static final Logger LOG = LoggerFactory.getLogger(TaskServiceImpl.class);
    static final String NULL = "_null_";
    static final String SKIP = "_skip_";
    static final int MAX_VARIABLE = 65_536;
    static final int MAX_LIST = 1000;
    static final int MAX_LOGS = 100_000;
    static final int MAX_STATS_ROWS = 200_000;

    private final TaskDao dao;
    private final JobsService jobs;
    private final Clock clock;
    /** How long a server's lease beat may stand still before its tasks move to another (a beat every 6 s). */
    static final long LEASE_MILLIS = 30_000;
    private final String slave;
    private final int maxUnfinished;
    private final ThreadPoolExecutor executor;
    private final TaskRunner runner;
    private volatile NodeGateway gateway;
    /** The servers on this database; {@code null} in tests of one server. */
    private ServerLeases leases;
    private ServerLeases.Beats beats;

    @Activate
    public TaskServiceImpl(@Reference(target = "(osgi.unit.name=armada-jobs)") JpaTemplate jpa,
            @Reference JobsService jobs, JobsConfiguration config) {
        this(new JpaTaskDao(new JpaStore(jpa)), jobs, Clock.systemUTC(), ServerLeases.serverName(config.slave()),
                config.max_unfinished_tasks(), Math.max(1, config.runner_threads()),
                Math.max(3, config.step_timeout_seconds()), runId());
        this.leases = new ServerLeases(new JpaStore(jpa), "jobs", slave, LEASE_MILLIS, System::currentTimeMillis);
        this.beats = leases.beatEvery(LEASE_MILLIS / 5, executor, this::takeOver);
    }

    TaskServiceImpl(TaskDao dao, JobsService jobs, Clock clock, String slave, int maxUnfinished, int threads,
            int stepTimeout, String runId) {
        this.dao = dao;
        this.jobs = jobs;
        this.clock = clock;
        this.slave = slave;
        this.maxUnfinished = maxUnfinished;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "armada-jobs-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.runner = new TaskRunner(dao, () -> gateway, executor, clock, runId, stepTimeout);
    }

    /** This JVM's run: its pid and start time (a step sent by another run is never waited for). */
    static String runId() {
        ProcessHandle me = ProcessHandle.current();
        return me.pid() + "@" + me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindGateway(NodeGateway g) {
        gateway = g;
        resume();
    }

    void unbindGateway(NodeGateway g) {
        if (gateway == g) {
            gateway = null;
            runner.forgetInFlight();
        }
    }

    /** For tests: the gateway, then a resume. */
    void gateway(NodeGateway g) {
        bindGateway(g);
    }

    TaskRunner runner() {
        return runner;
    }

    /** Moves on every task of this server not ended. */
    void resume() {
        try {
            List<String> open = dao.unfinished(slave);
            if (!open.isEmpty()) {
                LOG.info("Resuming {} task(s) of {}", open.size(), slave);
            }
            open.forEach(runner::kick);
        } catch (RuntimeException e) {
            LOG.warn("Tasks could not be resumed now: {}", e.toString());
        }
    }

    /**
     * Several servers on one database: the tasks not ended of a server whose lease beat stood still for
     * {@value #LEASE_MILLIS} ms move to this server (one server wins each) and go on here from their batch, as a
     * restarted server resumes its own.
     */
    void takeOver() {
        if (leases == null || gateway == null) {
            return;
        }
        for (java.util.Map.Entry<String, String> t : dao.unfinishedSlaves().entrySet()) {
            String from = t.getValue();
            if (from == null || NULL.equals(from) || leases.alive(from)) {
                continue;
            }
            if (dao.adopt(t.getKey(), from, slave)) {
                LOG.warn("Task {} of server {}, which stopped beating, goes on here ({})", t.getKey(), from, slave);
                runner.kick(t.getKey());
            }
        }
    }

    /** For tests: the servers of this database. */
    void leases(ServerLeases l) {
        this.leases = l;
    }

    @Deactivate
    void deactivate() {
        if (beats != null) {
            beats.close();
        }
        // runner threads never wait on nodes: let a move under way end its transaction rather than interrupt it
        // (an interrupt inside embedded Derby can close the connection under the next user of the database)
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private JobsDao.Note note(String user, String info) {
        return new JobsDao.Note(user(user), info, clock.instant());
    }

    private static String user(String user) {
        return user == null || user.isBlank() ? "armada" : user.trim();
    }

    private static String calltype(String user) {
        return user(user).endsWith("@app") ? "api" : "page";
    }

    /** {@code jobname}/{@code group}: required, no quote (JOBX's check). */
    static String named(String value, String field, String prefix) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " undef");
        }
        if (value.contains("'") || value.length() > 128) {
            throw ApiException.badRequest(prefix + field);
        }
        return value.trim();
    }

    static JsonNode variable(JsonNode v, String message) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            throw ApiException.badRequest(message);
        }
        if (v.toString().length() > MAX_VARIABLE) {
            throw ApiException.badRequest("variable: at most " + MAX_VARIABLE + " characters");
        }
        return v;
    }

    /** What a new task needs, checked: the job, the group's batches. */
    private record Plan(JobDef job, Group group, List<List<String>> batches) {
    }

    private Plan plan(long projectId, String jobName, String groupName) {
        jobs.project(projectId);
        JobDef job = jobs.jobs(projectId).stream().filter(j -> j.name().equals(jobName)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("job " + jobName + " not found in project " + projectId));
        Group group = jobs.groups(projectId).stream().filter(g -> g.name().equals(groupName)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("group " + groupName + " not found in project "
                        + projectId));
        List<List<String>> batches = jobs.batches(projectId, group.id());
        if (batches.isEmpty()) {
            throw ApiException.badRequest("group " + groupName + " has no nodes");
        }
        return new Plan(job, group, batches);
    }

    private static List<String> subtaskUuids(int n, boolean rollback) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String u = TaskUuids.create();
            out.add(rollback ? TaskUuids.rollbackOf(u) : u);
        }
        return out;
    }

    private void roomForOne() {
        long open = dao.unfinishedCount();
        if (open >= maxUnfinished) {
            throw ApiException.unavailable(open + " tasks are not ended yet (at most " + maxUnfinished
                    + "): try again later");
        }
    }

    private Started create(String user, long projectId, String uuid, Plan plan, JsonNode variable) {
        roomForOne();
        Instant at = clock.instant();
        TaskDao.NewTask task = new TaskDao.NewTask(projectId, uuid, plan.job().name(), plan.group().name(), user(user),
                slave, TaskStates.INIT, calltype(user), variable, plan.job().steps(), plan.batches(),
                subtaskUuids(plan.batches().size(), false), at);
        TaskDao.NewTask placeholder = plan.job().rollback().isEmpty() ? placeholder(projectId, uuid, at) : null;
        Task t = dao.insert(task, placeholder, note(user, "START JOBX: UUID:" + uuid + " JOBNAME:" + plan.job().name()
                + " BATCHNAME:" + plan.group().name()));
        runner.kick(uuid);
        return new Started(uuid, t);
    }

    /** JOBX's {@code _skip_} record: the deploy {@code uuid} has no rollback. */
    private static TaskDao.NewTask placeholder(long projectId, String uuid, Instant at) {
        return new TaskDao.NewTask(projectId, TaskUuids.rollbackOf(uuid), SKIP, NULL, "sys", NULL, TaskStates.SUCCESS,
                "sys", JsonNodeFactory.instance.objectNode(), List.of(), List.of(), List.of(), at);
    }

    @Override
    public Started start(String user, long projectId, String jobName, String groupName, JsonNode variable) {
        String job = named(jobName, "jobname", "check format fail ");
        String group = named(groupName, "group", "check format fail ");
        JsonNode v = variable(variable, "check format fail variable");
        Plan plan = plan(projectId, job, group);
        for (int attempt = 0;; attempt++) {
            try {
                return create(user, projectId, TaskUuids.create(), plan, v);
            } catch (DuplicateKeyException e) {
                if (attempt >= 2) {
                    throw ApiException.badRequest("uuid has already existed in the task");
                }
            }
        }
    }

    @Override
    public List<Task> tasks(TaskFilter filter) {
        return dao.tasks(filter, MAX_LIST);
    }

    private Task existing(long projectId, String uuid) {
        return dao.task(TaskUuids.check(uuid, "uuid")).filter(t -> t.projectId() == projectId)
                .orElseThrow(() -> ApiException.badRequest("no find task"));
    }

    @Override
    public Task task(long projectId, String uuid) {
        return existing(projectId, uuid);
    }

    @Override
    public List<Subtask> subtasks(long projectId, String taskUuid) {
        TaskUuids.check(taskUuid, "taskuuid");
        if (dao.task(taskUuid).filter(t -> t.projectId() == projectId).isEmpty()) {
            return List.of();
        }
        return dao.subtasks(taskUuid);
    }

    @Override
    public Subtask confirm(String user, long projectId, String subtaskUuid) {
        Subtask s = dao.subtask(TaskUuids.check(subtaskUuid, "subtaskuuid"))
                .filter(x -> dao.task(x.parentUuid()).filter(t -> t.projectId() == projectId).isPresent())
                .orElseThrow(() -> ApiException.badRequest("no find subtask"));
        if (!TaskStates.waiting(s.status(), s.confirm())) {
            throw ApiException.badRequest("subtask " + subtaskUuid + " is not waiting for a confirm (status "
                    + s.status() + ")");
        }
        if (!dao.confirm(subtaskUuid, projectId, note(user, "CONFIRM JOBX: TASKUUID:" + s.parentUuid()
                + " SUBTASKUUID:" + subtaskUuid))) {
            throw ApiException.badRequest("subtask " + subtaskUuid + " is not waiting for a confirm");
        }
        runner.kick(s.parentUuid());
        return dao.subtask(subtaskUuid).orElse(s);
    }

    @Override
    public String stop(String user, long projectId, String uuid) {
        TaskUuids.check(uuid, "uuid");
        TaskDao.Stopped st = dao.stop(projectId, uuid, note(user, "KILL JOBX: TASKUUID:" + uuid))
                .orElseThrow(() -> ApiException.badRequest("no find task"));
        if (st.ended()) {
            return "subtask is done";
        }
        NodeGateway g = gateway;
        if (st.requestId() != null && g != null) {
            try {
                g.finishNow(st.requestId());
            } catch (RuntimeException e) {
                LOG.debug("Request {} of stopped task {} not ended now: {}", st.requestId(), uuid, e.toString());
            }
        }
        runner.kick(uuid);
        return null;
    }

    @Override
    public void control(String user, long projectId, String uuid, String control) {
        if (!"rollback".equals(control) && !"norollback".equals(control)) {
            throw ApiException.badRequest("check format fail control");
        }
        Task t = existing(projectId, uuid);
        if (!TaskUuids.DEPLOY.equals(TaskUuids.role(uuid))) {
            throw ApiException.badRequest("role ne deploy");
        }
        if (!TaskStates.taskEnded(t.status())) {
            throw ApiException.badRequest("task " + uuid + " is " + t.status() + ": wait for its end or stop it");
        }
        String ruuid = TaskUuids.rollbackOf(uuid);
        String once = "rollback of task " + uuid + " was decided already (rollback, norollback, or a job without "
                + "rollback steps): it is done once";
        if (dao.task(ruuid).isPresent()) {
            throw ApiException.badRequest(once);
        }
        Instant at = clock.instant();
        boolean yes = control.equals("rollback");
        TaskDao.NewTask row;
        if (yes) {
            JobDef job = jobs.jobs(projectId).stream().filter(j -> j.name().equals(t.name())).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("job " + t.name() + " not found in project "
                            + projectId));
            if (job.rollback().isEmpty()) {
                throw ApiException.badRequest("job " + t.name() + " has no rollback steps");
            }
            List<List<String>> batches = dao.subtasks(uuid).stream().map(Subtask::nodes).toList();
            if (batches.isEmpty()) {
                throw ApiException.badRequest("task " + uuid + " ran no batch: nothing to roll back");
            }
            roomForOne();
            row = new TaskDao.NewTask(projectId, ruuid, t.name(), t.group(), user(user), slave, TaskStates.INIT,
                    calltype(user), t.variable(), job.rollback(), batches, subtaskUuids(batches.size(), true), at);
        } else {
            row = new TaskDao.NewTask(projectId, ruuid, t.name(), NULL, user(user), NULL, TaskStates.SUCCESS,
                    calltype(user), t.variable(), List.of(), List.of(), List.of(), at);
        }
        try {
            dao.insert(row, null, note(user, "JOBX TASK ROLLBACK: UUID:" + uuid + " ROLLBACK:" + (yes ? "Yes" : "No")));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest(once);
        }
        if (yes) {
            runner.kick(ruuid);
        }
    }

    @Override
    public List<NodeLog> logs(String uuid) {
        return dao.logs(TaskUuids.check(uuid, "uuid"), MAX_LOGS);
    }

    // ------------------------------------------------------------------ statistics

    private ZoneId zone() {
        return ZoneId.systemDefault();
    }

    @Override
    public Map<String, Long> countThisMonth(long projectId) {
        jobs.project(projectId);
        ZonedDateTime now = clock.instant().atZone(zone());
        Instant from = now.toLocalDate().withDayOfMonth(1).atStartOfDay(zone()).toInstant();
        Map<String, Long> out = new TreeMap<>();
        for (String s : List.of(TaskStates.SUCCESS, TaskStates.RUNNING, TaskStates.FAIL)) {
            out.put(s, 0L);
        }
        for (Task t : dao.since(projectId, from, MAX_STATS_ROWS)) {
            out.merge(t.status(), 1L, Long::sum);
        }
        return out;
    }

    @Override
    public List<Task> last(long projectId, int count) {
        jobs.project(projectId);
        return dao.last(projectId, Math.max(1, Math.min(count, MAX_LIST)));
    }

    private List<Task> lastThirtyDays(long projectId) {
        jobs.project(projectId);
        Instant from = clock.instant().atZone(zone()).toLocalDate().minusDays(30).atStartOfDay(zone()).toInstant();
        return dao.since(projectId, from, MAX_STATS_ROWS);
    }

    @Override
    public List<List<Object>> perDay(long projectId) {
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

    @Override
    public List<List<Object>> perHour(long projectId) {
        Map<String, Long> hours = new TreeMap<>();
        for (Task t : lastThirtyDays(projectId)) {
            hours.merge(String.format("%02d", t.startTime().atZone(zone()).getHour()), 1L, Long::sum);
        }
        List<List<Object>> out = new ArrayList<>();
        hours.forEach((h, n) -> out.add(List.of(h, n)));
        return out;
    }

    /** JOBX's buckets in minutes; a task still running counts in none. */
    static final String[] BUCKETS = {"0-1", "1-3", "3-5", "5-10", "10-30", "30+"};
    private static final double[] LIMITS = {60, 180, 300, 600, 1800};

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

    @Override
    public Map<String, String> runtimeShares(long projectId) {
        return shares(lastThirtyDays(projectId).stream().map(Task::runtime).toList());
    }

    // ------------------------------------------------------------------ third-party interface

    @Override
    public String thirdUuid(String uuid, Integer retryCount) {
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
        JsonNode v = variable(params.get("variable"), "check params variable no HASH");
        return new ThirdParams(job.trim(), group.trim(), v);
    }

    @Override
    public String dryRun(String user, long projectId, String uuid, JsonNode params) {
        ThirdParams p = thirdParams(params);
        plan(projectId, p.jobName(), p.group());
        if (dao.task(uuid).isPresent()) {
            throw ApiException.badRequest("uuid has already existed in the task");
        }
        return uuid;
    }

    @Override
    public Started invoke(String user, long projectId, String uuid, JsonNode params) {
        ThirdParams p = thirdParams(params);
        if (dao.task(uuid).isPresent()) {
            return null;
        }
        Plan plan = plan(projectId, p.jobName(), p.group());
        try {
            return create(user, projectId, uuid, plan, p.variable());
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

    @Override
    public Map<String, Object> query(String uuid) {
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
        } else if (NULL.equals(roll.slave())) {
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

    @Override
    public String thirdStop(String user, String uuid) {
        Task deploy = dao.task(uuid).orElse(null);
        String ruuid = TaskUuids.rollbackOf(uuid);
        Task roll = dao.task(ruuid).orElse(null);
        if (deploy == null && roll == null) {
            throw ApiException.badRequest("no find task");
        }
        if (deploy != null && roll == null) {
            try {
                dao.insert(placeholder(deploy.projectId(), uuid, clock.instant()), null,
                        note(user, "JOBX TASK ROLLBACK: UUID:" + uuid + " ROLLBACK:No (third-party stop)"));
            } catch (DuplicateKeyException meanwhile) {
                // written by another call: the same
            }
            roll = dao.task(ruuid).orElse(null);
        }
        Task target = roll != null && !NULL.equals(roll.slave()) ? roll : deploy != null ? deploy : roll;
        if (TaskStates.taskEnded(target.status())) {
            return "jobx uuid:" + target.uuid() + " status: " + target.status();
        }
        String why = stop(user, target.projectId(), target.uuid());
        return why == null ? null : "jobx uuid:" + target.uuid() + " status: " + target.status();
    }
}
