package io.armada.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
import io.armada.core.Threads;
import io.armada.core.Timers;
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

/**
 * Tasks with JOBX's rules (reference §001.4, §001.5): start, confirm, stop, rollback once. The work itself is
 * {@link TaskRunner}'s; the statistics are {@link TaskStatistics}' and the third-party interface
 * {@link ThirdPartyTasks}'.
 */
@Component(service = TaskService.class, configurationPid = "io.armada.jobs")
@Designate(ocd = JobsConfiguration.class)
public class TaskServiceImpl implements TaskService {
    private static final Logger LOG = LoggerFactory.getLogger(TaskServiceImpl.class);
    static final String NULL = "_null_";
    static final String SKIP = "_skip_";
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
    private final TaskStatistics stats;
    private final ThirdPartyTasks third;
    private volatile NodeGateway gateway;
    /** The servers on this database; {@code null} in tests of one server. */
    private ServerLeases leases;
    private Timers.Scheduled beats;

    @Activate
    public TaskServiceImpl(@Reference(target = "(osgi.unit.name=armada-jobs)") JpaTemplate jpa,
            @Reference JobsService jobs, JobsConfiguration config, @Reference Timers timers) {
        this(new JpaTaskDao(new JpaStore(jpa)), jobs, Clock.systemUTC(), ServerLeases.serverName(config.slave()),
                config.max_unfinished_tasks(), Math.max(1, config.runner_threads()),
                Math.max(3, config.step_timeout_seconds()), runId(), timers);
        this.leases = new ServerLeases(new JpaStore(jpa), "jobs", slave, LEASE_MILLIS, System::currentTimeMillis);
        // on the shared timer: a beat and the look for gone servers' tasks are one small transaction each (an adopted
        // task runs on the runner's pool), so no runner thread stays up for the beats
        this.beats = timers.every("the jobs server lease", leases.beatThen(this::takeOver), 0, LEASE_MILLIS / 5,
                TimeUnit.MILLISECONDS);
    }

    TaskServiceImpl(TaskDao dao, JobsService jobs, Clock clock, String slave, int maxUnfinished, int threads,
            int stepTimeout, String runId, Timers timers) {
        this.dao = dao;
        this.jobs = jobs;
        this.clock = clock;
        this.slave = slave;
        this.maxUnfinished = maxUnfinished;
        this.executor = Threads.onDemand(threads, 30, Threads.daemon("armada-jobs"));
        this.runner = new TaskRunner(dao, () -> gateway, executor, timers, clock, runId, stepTimeout);
        this.stats = new TaskStatistics(dao, jobs, clock);
        this.third = new ThirdPartyTasks(dao, this, clock);
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
            beats.cancel();
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

    JobsDao.Note note(String user, String info) {
        return new JobsDao.Note(user(user), info, clock.instant());
    }

    private static String user(String user) {
        return user == null || user.isBlank() ? "armada" : user.trim();
    }

    private static String calltype(String user) {
        return user(user).endsWith("@app") ? "api" : "page";
    }

    /** What a new task needs, checked: the job, the group's batches. */
    record Plan(JobDef job, Group group, List<List<String>> batches) {
    }

    Plan plan(long projectId, String jobName, String groupName) {
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

    Started create(String user, long projectId, String uuid, Plan plan, JsonNode variable) {
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
    static TaskDao.NewTask placeholder(long projectId, String uuid, Instant at) {
        return new TaskDao.NewTask(projectId, TaskUuids.rollbackOf(uuid), SKIP, NULL, "sys", NULL, TaskStates.SUCCESS,
                "sys", JsonNodeFactory.instance.objectNode(), List.of(), List.of(), List.of(), at);
    }

    @Override
    public Started start(String user, long projectId, String jobName, String groupName, JsonNode variable) {
        String job = TaskRules.named(jobName, "jobname", "check format fail ");
        String group = TaskRules.named(groupName, "group", "check format fail ");
        JsonNode v = TaskRules.variable(variable, "check format fail variable");
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

    // ------------------------------------------------------------------ statistics (TaskStatistics)

    @Override
    public Map<String, Long> countThisMonth(long projectId) {
        return stats.countThisMonth(projectId);
    }

    @Override
    public List<Task> last(long projectId, int count) {
        return stats.last(projectId, count);
    }

    @Override
    public List<List<Object>> perDay(long projectId) {
        return stats.perDay(projectId);
    }

    @Override
    public List<List<Object>> perHour(long projectId) {
        return stats.perHour(projectId);
    }

    @Override
    public Map<String, String> runtimeShares(long projectId) {
        return stats.runtimeShares(projectId);
    }

    // ------------------------------------------------------------------ third-party interface (ThirdPartyTasks)

    @Override
    public String thirdUuid(String uuid, Integer retryCount) {
        return third.thirdUuid(uuid, retryCount);
    }

    @Override
    public String dryRun(String user, long projectId, String uuid, JsonNode params) {
        return third.dryRun(user, projectId, uuid, params);
    }

    @Override
    public Started invoke(String user, long projectId, String uuid, JsonNode params) {
        return third.invoke(user, projectId, uuid, params);
    }

    @Override
    public Map<String, Object> query(String uuid) {
        return third.query(uuid);
    }

    @Override
    public String thirdStop(String user, String uuid) {
        return third.thirdStop(user, uuid);
    }
}
