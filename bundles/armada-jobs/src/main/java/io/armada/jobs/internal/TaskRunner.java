package io.armada.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ApiException;
import io.armada.core.Timers;
import io.armada.jobs.NodeLog;
import io.armada.jobs.Subtask;
import io.armada.jobs.Task;

/**
 * Moves tasks on, one step at a time, and never waits for a node: a step is handed to the agents area as one async
 * request, and its end (every node answered, or the deadline) brings the task's next move onto the executor. Every
 * move is written first and applied only from the state it expects ({@link TaskDao}), so a move asked twice (a confirm
 * and a step's end at once, a resume) happens once. Moves of one task are serialized (64 striped locks).
 *
 * <p>Resume: a task found not ended (at start, or when the agents area comes back) goes on where its rows say. A batch
 * whose step was in flight when the server stopped is never sent again: the answers the agents area recorded count,
 * a node without one counts as failed ({@code -124}), so the batch fails and waits for a confirm (at most once per
 * node and step; a node may have run it without the server knowing).
 */
public final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    static final String ACTION = "jobs_step";
    static final int NO_ANSWER = -124;
    /** Seconds past a request's deadline after which its missing answers are taken as lost. */
    static final long GRACE_SECONDS = 15;

    private final TaskDao dao;
    private final Supplier<NodeGateway> gateway;
    private final Executor executor;
    /** Where a step of this run found unfinished is looked at again (core's shared timer). */
    private final Timers timers;
    private final Clock clock;
    private final String runId;
    private final int stepTimeout;
    private final Object[] locks = new Object[64];
    /** Subtask uuid → request id of the step this run has in flight. */
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();

    public TaskRunner(TaskDao dao, Supplier<NodeGateway> gateway, Executor executor, Timers timers, Clock clock,
            String runId, int stepTimeout) {
        this.dao = dao;
        this.gateway = gateway;
        this.executor = executor;
        this.timers = timers;
        this.clock = clock;
        this.runId = runId;
        this.stepTimeout = stepTimeout;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    private Object lock(String uuid) {
        return locks[Math.floorMod(uuid.hashCode(), locks.length)];
    }

    /** Moves a task on, in the background. */
    public void kick(String uuid) {
        try {
            executor.execute(() -> advance(uuid));
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Task {} not moved on: the jobs area is stopping (it resumes at the next start)", uuid);
        }
    }

    /** Moves a task on in 2 s (on the shared timer, so no delayer thread of the JDK's; cancelled by the bundle's stop). */
    private void later(String uuid) {
        timers.once("a jobs task's next look at its step", () -> kick(uuid), 2, TimeUnit.SECONDS);
    }

    /** The steps of this run in flight end unseen (the agents area went away): a resume reads their answers. */
    public void forgetInFlight() {
        inFlight.clear();
    }

    /** Moves a task on now, on the calling thread (tests; the executor's work). */
    public void advance(String uuid) {
        try {
            synchronized (lock(uuid)) {
                advanceLocked(uuid);
            }
        } catch (RuntimeException e) {
            LOG.warn("Task {} could not move on now ({}); it goes on at the next move or start", uuid, e.toString());
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private void advanceLocked(String uuid) {
        for (int moves = 0; moves < 100_000; moves++) {
            Optional<TaskDao.Run> found = dao.run(uuid);
            if (found.isEmpty()) {
                return;
            }
            TaskDao.Run run = found.get();
            Task t = run.task();
            if (TaskStates.taskEnded(t.status())) {
                return;
            }
            if (TaskStates.INIT.equals(t.status())) {
                if (run.stopped()) {
                    dao.endTask(uuid, TaskStates.INIT, TaskStates.FAIL, null, now());
                    return;
                }
                dao.taskRunning(uuid, now());
                continue;
            }
            TaskDao.SubRow current = null;
            for (TaskDao.SubRow s : run.subtasks()) {
                if (!TaskStates.done(s.subtask().status(), s.subtask().confirm())) {
                    current = s;
                    break;
                }
            }
            if (current == null) {
                List<Subtask> all = run.subtasks().stream().map(TaskDao.SubRow::subtask).toList();
                dao.endTask(uuid, TaskStates.RUNNING, TaskStates.result(all), null, now());
                return;
            }
            Subtask s = current.subtask();
            if (TaskStates.waiting(s.status(), s.confirm())) {
                return;
            }
            if (TaskStates.INIT.equals(s.status())) {
                if (run.stopped()) {
                    return;
                }
                dao.subtaskRunning(s.uuid(), now());
                continue;
            }
            // running
            if (current.stepState().isEmpty()) {
                if (run.stopped() || s.step() >= run.steps().size()) {
                    if (!dao.cancelRunning(s.uuid(), now())) {
                        return;
                    }
                    continue;
                }
                if (!send(run, current)) {
                    return;
                }
                continue;
            }
            String requestId = inFlight.get(s.uuid());
            if (requestId != null) {
                if (run.stopped()) {
                    NodeGateway g = gateway.get();
                    if (g != null) {
                        g.finishNow(requestId);
                    }
                }
                return;
            }
            if (!recover(run, current)) {
                return;
            }
        }
    }

    /**
     * Sends the subtask's current step; {@code true} when the step already ended here (no node could be called) so
     * the caller moves on, {@code false} when it is in flight (its end moves the task on).
     */
    private boolean send(TaskDao.Run run, TaskDao.SubRow row) {
        Subtask s = row.subtask();
        int k = s.step();
        if (!dao.stepSending(s.uuid(), k, runId)) {
            return false;
        }
        JsonNode step = run.steps().get(k);
        NodeGateway g = gateway.get();
        if (g == null) {
            endStep(run, s, k, Map.of(), "the agents area is not installed: the step was not sent");
            return true;
        }
        Map<String, String> vars = StepBodies.variables(run.task().variable());
        NodeGateway.Sent sent;
        try {
            sent = g.send(ACTION, s.nodes(), ip -> StepBodies.render(step, vars, ip),
                    StepBodies.timeout(step, stepTimeout));
        } catch (RuntimeException e) {
            endStep(run, s, k, Map.of(), "the step was not sent: " + e.getMessage());
            return true;
        }
        if (sent.requestId() == null) {
            endStep(run, s, k, sent.unreachable(), "not called");
            return true;
        }
        String taskUuid = run.task().uuid();
        String requestId = sent.requestId();
        inFlight.put(s.uuid(), requestId);
        dao.stepSent(s.uuid(), k, requestId);
        Map<String, NodeGateway.Answer> known = new java.util.HashMap<>(sent.unreachable());
        sent.finished().whenComplete((v, e) -> {
            known.putAll(sent.arrived());
            try {
                executor.execute(() -> stepFinished(taskUuid, s.uuid(), k, requestId, known));
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Step {} of batch {} ended while the jobs area stops: read again at the next start", k,
                        s.uuid());
            }
        });
        return false;
    }

    /**
     * @param known the answers this run saw arrive (and the unreachable nodes): they win over the recorded ones, which
     *        may still show an answer that was on its way as overtime
     */
    private void stepFinished(String taskUuid, String subUuid, int k, String requestId,
            Map<String, NodeGateway.Answer> known) {
        try {
            synchronized (lock(taskUuid)) {
                if (!requestId.equals(inFlight.get(subUuid))) {
                    return;
                }
                inFlight.remove(subUuid);
                NodeGateway g = gateway.get();
                if (g == null) {
                    return;
                }
                NodeGateway.Recorded rec = g.answers(requestId);
                Map<String, NodeGateway.Answer> answers = new java.util.HashMap<>(rec.answers());
                answers.putAll(known);
                Optional<TaskDao.Run> run = dao.run(taskUuid);
                Optional<Subtask> s = dao.subtask(subUuid);
                if (run.isPresent() && s.isPresent()) {
                    endStep(run.get(), s.get(), k, answers, "no answer by the deadline");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("The end of step {} of batch {} could not be recorded now ({}); it is read again at the next "
                    + "move", k, subUuid, e.toString());
        }
        advance(taskUuid);
    }

    /** A step found sent (or being sent) by no step in flight here: after a restart. {@code true}: move on. */
    private boolean recover(TaskDao.Run run, TaskDao.SubRow row) {
        Subtask s = row.subtask();
        int k = s.step();
        if (row.requestId() == null) {
            endStep(run, s, k, Map.of(), "the server stopped while this step was being sent: not sent again");
            return true;
        }
        NodeGateway g = gateway.get();
        if (g == null) {
            return false;
        }
        NodeGateway.Recorded rec;
        try {
            rec = g.answers(row.requestId());
        } catch (ApiException unknown) {
            endStep(run, s, k, Map.of(), "the step's request " + row.requestId() + " is gone: not sent again");
            return true;
        }
        boolean sameRun = runId.equals(row.runId());
        if (!rec.finished() && sameRun && !run.stopped()
                && clock.instant().getEpochSecond() <= rec.deadline() + GRACE_SECONDS) {
            later(run.task().uuid());
            return false;
        }
        if (!rec.finished()) {
            g.finishNow(row.requestId());
        }
        Map<String, NodeGateway.Answer> answers = rec.answers();
        if (!sameRun) {
            // the agents area's own overtime answers of a request from before the restart say nothing more
            answers = new java.util.HashMap<>(answers);
            answers.values().removeIf(a -> a.code() == NO_ANSWER);
        }
        endStep(run, s, k, answers, sameRun ? "no answer by the deadline"
                : "no answer: the server restarted during this step, which is not sent again");
        return true;
    }

    /** Records the end of step {@code k} with the nodes' answers; a node without one gets {@code missing}. */
    private void endStep(TaskDao.Run run, Subtask s, int k, Map<String, NodeGateway.Answer> answers, String missing) {
        Instant at = now();
        List<NodeLog> logs = new ArrayList<>(s.nodes().size());
        boolean ok = true;
        for (String node : s.nodes()) {
            NodeGateway.Answer a = answers.get(node);
            if (a == null) {
                a = new NodeGateway.Answer(NO_ANSWER, missing, "");
            }
            ok &= a.code() == 0;
            logs.add(new NodeLog(run.task().uuid(), s.uuid(), s.seq(), node, k, a.code(), a.result(), a.output(), at));
        }
        boolean stopped = dao.run(run.task().uuid()).map(TaskDao.Run::stopped).orElse(run.stopped());
        String outcome = stopped ? TaskStates.CANCEL
                : !ok ? TaskStates.FAIL
                : k + 1 >= run.steps().size() ? TaskStates.SUCCESS : "next";
        if (dao.stepEnded(s.uuid(), k, logs, outcome, at)) {
            LOG.debug("Task {} batch {} step {}: {}", run.task().uuid(), s.seq(), k, outcome);
        }
    }
}
