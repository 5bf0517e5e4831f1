package io.armada.jobs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Timers;
import io.armada.core.testing.Await;
import io.armada.jobs.JobDef;
import io.armada.jobs.NodeLog;
import io.armada.jobs.Project;
import io.armada.jobs.Subtask;
import io.armada.jobs.Task;
import io.armada.jobs.TaskService;
import io.armada.jobs.internal.jpa.JpaJobsDao;
import io.armada.jobs.internal.jpa.JpaTaskDao;
import io.armada.persistence.JpaStore;
import io.armada.persistence.ServerLeases;
import io.armada.persistence.testing.DerbyJpa;

/**
 * Tasks on the real tables (embedded Derby) with a gateway the test answers: batches one after another, a failed batch
 * waiting for its confirm, a stop, rollback once, the third-party interface, and a restart that resumes without sending
 * a step twice. The test answers each step itself, so the order of events is forced, never timed.
 */
public class TaskServiceImplTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static JobsServiceImpl jobs;
    private static JpaTaskDao dao;
    private TaskServiceImpl tasks;
    private FakeGateway gateway;
    private ManualTimers timers;
    private long project;

    /** A step sent: its request, nodes and the body each node gets. */
    record Call(String requestId, List<String> nodes, Function<String, Object> body, CompletableFuture<Object> done,
            Map<String, NodeGateway.Answer> arrived) {
        JsonNode bodyOf(String ip) {
            return (JsonNode) body.apply(ip);
        }
    }

    /** The agents area as the test plays it. */
    static final class FakeGateway implements NodeGateway {
        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Map<String, Answer>> answers = new ConcurrentHashMap<>();
        final Set<String> finished = ConcurrentHashMap.newKeySet();
        final AtomicInteger ids = new AtomicInteger();

        @Override
        public Sent send(String action, List<String> nodes, Function<String, Object> body, int timeoutSeconds) {
            Call c = new Call("req-" + ids.incrementAndGet(), List.copyOf(nodes), body, new CompletableFuture<>(),
                    new ConcurrentHashMap<>());
            answers.put(c.requestId(), new ConcurrentHashMap<>());
            calls.add(c);
            return new Sent(c.requestId(), Map.of(), c.done(), c.arrived());
        }

        @Override
        public Recorded answers(String requestId) {
            return new Recorded(finished.contains(requestId), System.currentTimeMillis() / 1000 + 600,
                    new HashMap<>(answers.getOrDefault(requestId, Map.of())));
        }

        @Override
        public void finishNow(String requestId) {
            finished.add(requestId);
            calls.stream().filter(c -> c.requestId().equals(requestId)).forEach(c -> c.done().complete(null));
        }

        /** One node answers (the request is not over). */
        void answerOne(Call c, String node, int code) {
            Answer a = new Answer(code, code == 0 ? "ok" : "refused", "{\"exit\":" + code + "}");
            c.arrived().put(node, a);
            answers.get(c.requestId()).put(node, a);
        }

        /**
         * Every node answers 0, but the agents area finishes the request while the last answer is still on its way to
         * its table: the recorded answers show that node as overtime (seen in bench/jobs.sh, 1 answer in ~1,000).
         */
        void answerRacing(Call c, String late) {
            for (String n : c.nodes()) {
                c.arrived().put(n, new Answer(0, "ok", "{}"));
                answers.get(c.requestId()).put(n, n.equals(late) ? new Answer(-124, "Agent respone overtime", "")
                        : new Answer(0, "ok", "{}"));
            }
            finished.add(c.requestId());
            c.done().complete(null);
        }

        /** Every node answers with {@code code} except those in {@code failing}, then the request ends. */
        void answer(Call c, Set<String> failing) {
            for (String n : c.nodes()) {
                answerOne(c, n, failing.contains(n) ? -1 : 0);
            }
            finished.add(c.requestId());
            c.done().complete(null);
        }

        Call awaitCall(int n) {
            Await.until("step call " + n, WAIT, () -> calls.size() >= n);
            return calls.get(n - 1);
        }
    }

    /** Core's shared timer as the test plays it: what is scheduled waits until the test runs it. */
    static final class ManualTimers implements Timers {
        final List<Runnable> due = Collections.synchronizedList(new ArrayList<>());
        final List<Long> delaysMillis = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Scheduled once(String what, Runnable task, long delay, TimeUnit unit) {
            delaysMillis.add(unit.toMillis(delay));
            due.add(task);
            return () -> due.remove(task);
        }

        @Override
        public Scheduled every(String what, Runnable task, long initialDelay, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("the runner schedules nothing repeated");
        }

        /** Runs what is due now (what those runs schedule waits for the next call). */
        void runDue() {
            List<Runnable> now;
            synchronized (due) {
                now = new ArrayList<>(due);
                due.clear();
            }
            now.forEach(Runnable::run);
        }
    }

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "jobs-tasks");
        jpa = DerbyJpa.open("armada-jobs", dir);
        store = new JpaStore(jpa);
        jobs = new JobsServiceImpl(new JpaJobsDao(store), Clock.systemUTC());
        dao = new JpaTaskDao(store);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    private TaskServiceImpl service(String runId) {
        return service(runId, "slave-1");
    }

    private TaskServiceImpl service(String runId, String slave) {
        return new TaskServiceImpl(dao, jobs, Clock.systemUTC(), slave, 100, 2, 60, runId, timers);
    }

    @Before
    public void fresh() {
        store.run(em -> {
            for (String e : List.of("NodeLogEntity", "SubtaskEntity", "TaskEntity", "LogEntity", "GroupEntity",
                    "JobEntity", "ProjectEntity")) {
                em.createQuery("delete from " + e).executeUpdate();
            }
        });
        Project p = jobs.addProject("ci@app", "web", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));
        project = p.id();
        jobs.addJob("ci@app", project, "deploy", List.of(
                node("{\"handler\":\"ServerHandler\",\"command\":\"deploy\",\"data\":{\"app\":\"${app}\","
                        + "\"server\":\"s-${ip}\"}}"),
                node("{\"handler\":\"ServerHandler\",\"command\":\"restart\",\"data\":{\"app\":\"${app}\","
                        + "\"server\":\"s-${ip}\"}}")),
                List.of(node("{\"handler\":\"ServerHandler\",\"command\":\"rollback\",\"data\":{\"app\":\"${app}\","
                        + "\"server\":\"s-${ip}\"}}")));
        jobs.addJob("ci@app", project, "norb", List.of(node("{\"handler\":\"ServiceHandler\",\"command\":\"status\","
                + "\"data\":{\"service\":\"x\"}}")), null);
        jobs.addGroup("ci@app", project, "two", null, "list", "10.0.0.1,10.0.0.2;10.0.0.3", null);
        gateway = new FakeGateway();
        timers = new ManualTimers();
        tasks = service("run-1");
        tasks.gateway(gateway);
    }

    @After
    public void stop() {
        tasks.deactivate();
    }

    static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Task awaitStatus(String uuid, String status) {
        Await.until("task " + uuid + " " + status, WAIT, () -> tasks.task(project, uuid).status().equals(status));
        return tasks.task(project, uuid);
    }

    private Subtask awaitWaiting(String uuid, int seq) {
        Await.until("batch " + seq + " waiting", WAIT, () -> TaskStates.waiting(
                tasks.subtasks(project, uuid).get(seq - 1).status(), tasks.subtasks(project, uuid).get(seq - 1).confirm()));
        return tasks.subtasks(project, uuid).get(seq - 1);
    }

    @Test
    public void twoBatchesRunOneAfterAnotherEachStepOnEveryNodeOfTheBatch() {
        TaskService.Started s = tasks.start("ci@app", project, "deploy", "two", node("{\"app\":\"shop\"}"));
        assertTrue(s.uuid().matches("[A-Za-z0-9]{11}[a-z]"));
        Call c1 = gateway.awaitCall(1);
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), c1.nodes());
        assertEquals("deploy", c1.bodyOf("10.0.0.2").get("command").asText());
        assertEquals("s-10.0.0.2", c1.bodyOf("10.0.0.2").at("/data/server").asText());
        assertEquals("shop", c1.bodyOf("10.0.0.2").at("/data/app").asText());
        assertEquals("running", tasks.task(project, s.uuid()).status());
        gateway.answer(c1, Set.of());
        Call c2 = gateway.awaitCall(2);
        assertEquals("restart", c2.bodyOf("10.0.0.1").get("command").asText());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), c2.nodes());
        assertEquals("init", tasks.subtasks(project, s.uuid()).get(1).status());
        gateway.answer(c2, Set.of());
        Call c3 = gateway.awaitCall(3);
        assertEquals(List.of("10.0.0.3"), c3.nodes());
        gateway.answer(c3, Set.of());
        gateway.answer(gateway.awaitCall(4), Set.of());
        Task t = awaitStatus(s.uuid(), "success");
        assertTrue(t.runtime() != null && t.finishTime() != null);
        List<Subtask> subs = tasks.subtasks(project, s.uuid());
        assertEquals(List.of("success", "success"), subs.stream().map(Subtask::status).toList());
        assertEquals(List.of(1, 2), subs.stream().map(Subtask::seq).toList());
        List<NodeLog> logs = tasks.logs(s.uuid());
        assertEquals(6, logs.size());
        for (NodeLog l : logs) {
            assertEquals(0, l.code());
        }
        assertEquals(2, tasks.logs(subs.get(1).uuid()).size());
        assertEquals(4, gateway.calls.size());
        assertEquals(Long.valueOf(1), tasks.countThisMonth(project).get("success"));
        assertEquals(Long.valueOf(0), tasks.countThisMonth(project).get("fail"));
        assertEquals(1, tasks.perDay(project).size());
        assertEquals(1, tasks.last(project, 10).size());
        assertTrue(jobs.log(project).get(0).info().startsWith("START JOBX: UUID:" + s.uuid()));
    }

    @Test
    public void aFailedBatchWaitsForItsConfirmThenTheNextGoesOnAndTheTaskFails() {
        TaskService.Started s = tasks.start("ci@app", project, "norb", "two", null);
        Call c1 = gateway.awaitCall(1);
        gateway.answer(c1, Set.of("10.0.0.2"));
        Subtask waiting = awaitWaiting(s.uuid(), 1);
        assertEquals("fail", waiting.status());
        assertEquals("running", tasks.task(project, s.uuid()).status());
        assertEquals("init", tasks.subtasks(project, s.uuid()).get(1).status());
        assertEquals(1, gateway.calls.size());
        NodeLog failed = tasks.logs(waiting.uuid()).stream().filter(l -> l.node().equals("10.0.0.2")).findFirst()
                .orElseThrow();
        assertEquals(-1, failed.code());
        assertEquals("{\"exit\":-1}", failed.output());
        JobsServiceImplTest.bad(() -> tasks.confirm("ci@app", project, tasks.subtasks(project, s.uuid()).get(1).uuid()),
                "not waiting");
        JobsServiceImplTest.bad(() -> tasks.confirm("ci@app", project + 1, waiting.uuid()), "no find subtask");

        Subtask confirmed = tasks.confirm("ci@app", project, waiting.uuid());
        assertEquals("task stop", confirmed.confirm());
        Call c2 = gateway.awaitCall(2);
        assertEquals(List.of("10.0.0.3"), c2.nodes());
        gateway.answer(c2, Set.of());
        Task t = awaitStatus(s.uuid(), "fail");
        assertEquals(List.of("fail", "success"), tasks.subtasks(project, s.uuid()).stream().map(Subtask::status).toList());
        assertEquals("", t.reason());
    }

    @Test
    public void aStopCutsTheRunningBatchAndCancelsTheRest() {
        TaskService.Started s = tasks.start("ci@app", project, "deploy", "two", null);
        Call c1 = gateway.awaitCall(1);
        gateway.answerOne(c1, "10.0.0.1", 0);
        assertNull(tasks.stop("ops@app", project, s.uuid()));
        Task t = awaitStatus(s.uuid(), "fail");
        assertTrue(t.reason(), t.reason().contains("stopped by ops@app"));
        assertEquals(List.of("cancel", "cancel"), tasks.subtasks(project, s.uuid()).stream().map(Subtask::status)
                .toList());
        assertEquals(1, gateway.calls.size());
        List<NodeLog> logs = tasks.logs(s.uuid());
        assertEquals(2, logs.size());
        assertEquals(TaskRunner.NO_ANSWER, logs.stream().filter(l -> l.node().equals("10.0.0.2")).findFirst()
                .orElseThrow().code());
        assertEquals("subtask is done", tasks.stop("ops@app", project, s.uuid()));
        JobsServiceImplTest.bad(() -> tasks.stop("ops@app", project, "nosuchtask1a"), "no find task");
    }

    @Test
    public void aStopReleasesABatchWaitingForItsConfirm() {
        TaskService.Started s = tasks.start("ci@app", project, "norb", "two", null);
        gateway.answer(gateway.awaitCall(1), Set.of("10.0.0.1"));
        awaitWaiting(s.uuid(), 1);
        assertNull(tasks.stop("ops@app", project, s.uuid()));
        awaitStatus(s.uuid(), "fail");
        List<Subtask> subs = tasks.subtasks(project, s.uuid());
        assertEquals("task stop", subs.get(0).confirm());
        assertEquals("cancel", subs.get(1).status());
        assertEquals(1, gateway.calls.size());
    }

    @Test
    public void deletingAProjectIsRefusedWhileATaskHasNotEndedAndTakesItsTasksWithIt() {
        TaskService.Started s = tasks.start("ci@app", project, "norb", "two", null);
        gateway.answer(gateway.awaitCall(1), Set.of("10.0.0.1"));
        Subtask waiting = awaitWaiting(s.uuid(), 1);
        for (var j : jobs.jobs(project)) {
            jobs.deleteJob("ci@app", project, j.id());
        }
        for (var g : jobs.groups(project)) {
            jobs.deleteGroup("ci@app", project, g.id());
        }
        JobsServiceImplTest.bad(() -> jobs.deleteProject("ci@app", project), "not ended");
        assertTrue(dao.task(s.uuid()).isPresent());
        assertNull(tasks.stop("ops@app", project, s.uuid()));
        awaitStatus(s.uuid(), "fail");
        assertFalse(tasks.logs(s.uuid()).isEmpty());
        String placeholder = TaskUuids.rollbackOf(s.uuid());
        assertTrue("the job has no rollback steps: JOBX's _skip_ row", dao.task(placeholder).isPresent());

        assertEquals(project, jobs.deleteProject("ci@app", project));
        assertTrue(dao.task(s.uuid()).isEmpty());
        assertTrue(dao.task(placeholder).isEmpty());
        assertTrue(dao.subtasks(s.uuid()).isEmpty());
        assertTrue(dao.subtask(waiting.uuid()).isEmpty());
        assertTrue(tasks.logs(s.uuid()).isEmpty());
        assertTrue(tasks.logs(waiting.uuid()).isEmpty());
    }

    private String deployed() {
        TaskService.Started s = tasks.start("ci@app", project, "deploy", "two", null);
        for (int i = 1; i <= 4; i++) {
            gateway.answer(gateway.awaitCall(gateway.calls.size() + (gateway.calls.size() < i ? 1 : 0)), Set.of());
        }
        awaitStatus(s.uuid(), "success");
        return s.uuid();
    }

    @Test
    public void rollbackRunsTheRollbackStepsOverTheSameBatchesOnceAndASecondIsRefused() {
        String uuid = deployed();
        assertEquals(4, gateway.calls.size());
        JobsServiceImplTest.bad(() -> tasks.control("ci@app", project, uuid, "undo"), "check format fail control");
        tasks.control("ci@app", project, uuid, "rollback");
        String ruuid = TaskUuids.rollbackOf(uuid);
        Call r1 = gateway.awaitCall(5);
        assertEquals("rollback", r1.bodyOf("10.0.0.1").get("command").asText());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), r1.nodes());
        gateway.answer(r1, Set.of());
        gateway.answer(gateway.awaitCall(6), Set.of());
        awaitStatus(ruuid, "success");
        for (Subtask sub : tasks.subtasks(project, ruuid)) {
            assertEquals(TaskUuids.ROLLBACK, TaskUuids.role(sub.uuid()));
        }
        JobsServiceImplTest.bad(() -> tasks.control("ci@app", project, uuid, "rollback"), "done once");
        JobsServiceImplTest.bad(() -> tasks.control("ci@app", project, uuid, "norollback"), "done once");
        JobsServiceImplTest.bad(() -> tasks.control("ci@app", project, ruuid, "rollback"), "role ne deploy");
        assertEquals("rollback", tasks.query(uuid).get("type"));
        assertEquals("complete", tasks.query(uuid).get("status"));
    }

    @Test
    public void norollbackIsOneShotAndAJobWithoutRollbackStepsHasNone() {
        String uuid = deployed();
        assertEquals("deploy", tasks.query(uuid).get("type"));
        tasks.control("ci@app", project, uuid, "norollback");
        JobsServiceImplTest.bad(() -> tasks.control("ci@app", project, uuid, "rollback"), "done once");
        assertEquals("deployonly", tasks.query(uuid).get("type"));
        assertEquals("complete", tasks.query(uuid).get("status"));

        TaskService.Started s = tasks.start("ci@app", project, "norb", "two", null);
        JobsServiceImplTest.bad(() -> tasks.control("ci@app", project, s.uuid(), "rollback"), "wait for its end");
        gateway.answer(gateway.awaitCall(5), Set.of());
        gateway.answer(gateway.awaitCall(6), Set.of());
        awaitStatus(s.uuid(), "success");
        JobsServiceImplTest.bad(() -> tasks.control("ci@app", project, s.uuid(), "rollback"), "done once");
        assertEquals("deployonly", tasks.query(s.uuid()).get("type"));
    }

    @Test
    public void theThirdPartyInterfaceUsesTheRetryCountsUuidAndInvokeIsIdempotent() {
        JsonNode params = node("{\"jobname\":\"norb\",\"group\":\"two\",\"variable\":{\"v\":\"1\"}}");
        String uuid = tasks.thirdUuid("flow12345678", 2);
        assertEquals("flow1234567c", uuid);
        assertEquals(uuid, tasks.dryRun("ci@app", project, uuid, params));
        JobsServiceImplTest.bad(() -> tasks.dryRun("ci@app", project, uuid, node("[1]")), "params no HASH");
        JobsServiceImplTest.bad(() -> tasks.dryRun("ci@app", project, uuid, null), "params undef");
        JobsServiceImplTest.bad(() -> tasks.dryRun("ci@app", project, uuid, node("{\"jobname\":\"norb\"}")),
                "check params format fail group");
        JobsServiceImplTest.bad(() -> tasks.dryRun("ci@app", project, uuid,
                node("{\"jobname\":\"norb\",\"group\":\"two\",\"variable\":[1]}")), "check params variable no HASH");
        JobsServiceImplTest.bad(() -> tasks.dryRun("ci@app", project, uuid,
                node("{\"jobname\":\"nojob\",\"group\":\"two\"}")), "job nojob not found");
        TaskService.Started s = tasks.invoke("ci@app", project, uuid, params);
        assertEquals(uuid, s.uuid());
        assertNull(tasks.invoke("ci@app", project, uuid, params));
        JobsServiceImplTest.bad(() -> tasks.dryRun("ci@app", project, uuid, params), "already existed");
        Call c1 = gateway.awaitCall(1);
        Map<String, Object> q = tasks.query(uuid);
        assertEquals("deployonly", q.get("type"));
        assertEquals("running", q.get("status"));
        assertEquals(List.of(1, 2), q.get("progress"));
        gateway.answer(c1, Set.of("10.0.0.1"));
        awaitWaiting(uuid, 1);
        assertEquals("Wait for manual treatment", tasks.query(uuid).get("msg"));
        assertEquals(null, tasks.thirdStop("ci@app", uuid));
        awaitStatus(uuid, "fail");
        assertEquals("fail", tasks.query(uuid).get("status"));
        assertEquals("jobx uuid:" + uuid + " status: fail", tasks.thirdStop("ci@app", uuid));
        JobsServiceImplTest.bad(() -> tasks.query("nothing1234a"), "no find uuid");
    }

    @Test
    public void badTaskInputIsRefusedAndWritesNothing() {
        JobsServiceImplTest.bad(() -> tasks.start("u", project, null, "two", null), "jobname undef");
        JobsServiceImplTest.bad(() -> tasks.start("u", project, "deploy", "it's", null), "check format fail group");
        JobsServiceImplTest.bad(() -> tasks.start("u", project, "deploy", "two", node("[1]")),
                "check format fail variable");
        JobsServiceImplTest.bad(() -> tasks.start("u", project, "nojob", "two", null), "job nojob not found");
        JobsServiceImplTest.bad(() -> tasks.start("u", project, "deploy", "nogroup", null), "group nogroup not found");
        JobsServiceImplTest.bad(() -> tasks.start("u", project + 99, "deploy", "two", null), "not found");
        JobsServiceImplTest.bad(() -> tasks.task(project, "bad'uuid"), "check format fail uuid");
        assertEquals(0, tasks.tasks(new io.armada.jobs.TaskFilter(List.of(project), null, null, null, null, null, null,
                true)).size());
        assertEquals(0, gateway.calls.size());
    }

    @Test
    public void aRestartedServerResumesAtItsBatchAndNeverSendsAStepTwice() {
        TaskService.Started s = tasks.start("ci@app", project, "deploy", "two", null);
        gateway.answer(gateway.awaitCall(1), Set.of());
        Call c2 = gateway.awaitCall(2);
        // the step is recorded as sent (its request id written) just after the gateway saw it: the kill comes after
        // (a kill before is the "being sent" case, never sent again, which a CI run hit here)
        Await.until("step 2 recorded as sent", WAIT, () -> c2.requestId().equals(
                dao.run(s.uuid()).orElseThrow().subtasks().get(0).requestId()));
        gateway.answerOne(c2, "10.0.0.1", 0);
        // the server dies: its steps in flight end unseen
        tasks.deactivate();
        tasks = service("run-2");
        tasks.gateway(gateway);
        Subtask waiting = awaitWaiting(s.uuid(), 1);
        assertEquals(2, gateway.calls.size());
        assertTrue(gateway.finished.contains(c2.requestId()));
        List<NodeLog> step1 = tasks.logs(waiting.uuid()).stream().filter(l -> l.step() == 1).toList();
        assertEquals(2, step1.size());
        assertEquals(0, step1.stream().filter(l -> l.node().equals("10.0.0.1")).findFirst().orElseThrow().code());
        NodeLog lost = step1.stream().filter(l -> l.node().equals("10.0.0.2")).findFirst().orElseThrow();
        assertEquals(TaskRunner.NO_ANSWER, lost.code());
        assertTrue(lost.result(), lost.result().contains("restarted"));
        tasks.confirm("ci@app", project, waiting.uuid());
        Call c3 = gateway.awaitCall(3);
        assertEquals(List.of("10.0.0.3"), c3.nodes());
        assertEquals("deploy", c3.bodyOf("10.0.0.3").get("command").asText());
        gateway.answer(c3, Set.of());
        gateway.answer(gateway.awaitCall(4), Set.of());
        awaitStatus(s.uuid(), "fail");
        assertEquals(4, gateway.calls.size());
    }

    @Test
    public void anotherServerTakesOverTheTasksOfAServerThatStoppedBeatingAndOnlyThen() {
        java.util.concurrent.atomic.AtomicLong clock1 = new java.util.concurrent.atomic.AtomicLong(0);
        java.util.concurrent.atomic.AtomicLong clock2 = new java.util.concurrent.atomic.AtomicLong(0);
        ServerLeases l1 = new ServerLeases(store, "jobs", "slave-1", 30_000, clock1::get);
        l1.beat();
        TaskService.Started s = tasks.start("ci@app", project, "deploy", "two", null);
        gateway.answer(gateway.awaitCall(1), Set.of());
        Call c2 = gateway.awaitCall(2);
        TaskServiceImpl other = service("run-9", "slave-2");
        ServerLeases l2 = new ServerLeases(store, "jobs", "slave-2", 30_000, clock2::get);
        other.leases(l2);
        other.gateway(gateway); // resumes its own tasks: none
        l2.beat();
        other.takeOver();
        clock2.addAndGet(29_000);
        l1.beat();
        l2.beat();
        other.takeOver();
        assertEquals("slave-1", tasks.task(project, s.uuid()).slave());
        assertEquals(2, gateway.calls.size());
        // slave-1 dies with its step in flight, then its beat stands still for a lease
        tasks.deactivate();
        gateway.answerOne(c2, "10.0.0.1", 0);
        gateway.answerOne(c2, "10.0.0.2", 0);
        gateway.finished.add(c2.requestId());
        clock2.addAndGet(30_000);
        l2.beat();
        other.takeOver();
        tasks = other;
        assertEquals("slave-2", tasks.task(project, s.uuid()).slave());
        Call c3 = gateway.awaitCall(3);
        assertEquals(List.of("10.0.0.3"), c3.nodes());
        gateway.answer(c3, Set.of());
        gateway.answer(gateway.awaitCall(4), Set.of());
        awaitStatus(s.uuid(), "success");
        assertEquals("no step sent twice", 4, gateway.calls.size());
    }

    @Test
    public void aStepThatEndedWhileTheServerWasDownCountsWithoutBeingSentAgain() {
        TaskService.Started s = tasks.start("ci@app", project, "deploy", "two", null);
        Call c1 = gateway.awaitCall(1);
        tasks.deactivate();
        // every node answered while the server was away (the agents area recorded it)
        gateway.answerOne(c1, "10.0.0.1", 0);
        gateway.answerOne(c1, "10.0.0.2", 0);
        gateway.finished.add(c1.requestId());
        tasks = service("run-2");
        tasks.gateway(gateway);
        Call c2 = gateway.awaitCall(2);
        assertEquals("restart", c2.bodyOf("10.0.0.1").get("command").asText());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), c2.nodes());
        gateway.answer(c2, Set.of());
        gateway.answer(gateway.awaitCall(3), Set.of());
        gateway.answer(gateway.awaitCall(4), Set.of());
        awaitStatus(s.uuid(), "success");
        assertEquals(4, gateway.calls.size());
    }

    @Test
    public void anAnswerThatArrivedCountsEvenWhenTheAgentsAreaRecordedItAsOvertime() {
        TaskService.Started s = tasks.start("ci@app", project, "norb", "two", null);
        gateway.answerRacing(gateway.awaitCall(1), "10.0.0.2");
        gateway.answer(gateway.awaitCall(2), Set.of());
        awaitStatus(s.uuid(), "success");
        assertEquals(List.of("success", "success"), tasks.subtasks(project, s.uuid()).stream().map(Subtask::status)
                .toList());
        assertEquals(0, tasks.logs(s.uuid()).stream().filter(l -> l.code() != 0).count());
    }

    /**
     * The agents area went away and came back while a step of this run was in flight: the step is not sent again, and
     * the runner looks at its request again on the shared timer (2 s) until the request has ended, then goes on.
     */
    @Test
    public void aStepInFlightWhenTheAgentsAreaCameBackIsLookedAtAgainOnTheTimerUntilItEnds() {
        TaskService.Started s = tasks.start("ci@app", project, "norb", "two", null);
        Call c1 = gateway.awaitCall(1);
        tasks.unbindGateway(gateway);
        tasks.gateway(gateway); // a resume: the step is found sent by this run, its request not ended
        Await.until("a look again on the timer", WAIT, () -> !timers.due.isEmpty());
        assertTrue(timers.delaysMillis.toString(), timers.delaysMillis.stream().allMatch(d -> d == 2000));
        timers.runDue(); // the request has not ended: another look is scheduled, nothing is sent
        Await.until("the next look again", WAIT, () -> !timers.due.isEmpty());
        assertEquals(1, gateway.calls.size());
        gateway.answer(c1, Set.of()); // it ends; this run's runner no longer waits on its answer
        timers.runDue();
        Call c2 = gateway.awaitCall(2);
        assertEquals(List.of("10.0.0.3"), c2.nodes());
        gateway.answer(c2, Set.of());
        awaitStatus(s.uuid(), "success");
        assertEquals("no step sent twice", 2, gateway.calls.size());
    }

    @Test
    public void withoutTheAgentsAreaAStepFailsWithAClearMessage() {
        tasks.unbindGateway(gateway);
        TaskService.Started s = tasks.start("ci@app", project, "norb", "two", null);
        Subtask waiting = awaitWaiting(s.uuid(), 1);
        assertTrue(tasks.logs(waiting.uuid()).get(0).result().contains("agents area is not installed"));
        assertEquals(0, gateway.calls.size());
    }
}
