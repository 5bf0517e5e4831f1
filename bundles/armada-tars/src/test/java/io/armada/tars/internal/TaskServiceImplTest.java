package io.armada.tars.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.persistence.JpaStore;
import io.armada.persistence.ServerLeases;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.tars.ConfigFile;
import io.armada.tars.NewConfig;
import io.armada.tars.NewServer;
import io.armada.tars.NewTaskItem;
import io.armada.tars.NotifyRecord;
import io.armada.tars.PatchPackage;
import io.armada.tars.ServerConf;
import io.armada.tars.TargetResult;
import io.armada.tars.TaskItem;
import io.armada.tars.TaskStatus;
import io.armada.tars.TaskView;
import io.armada.tars.TarsPatches;
import io.armada.tars.internal.jpa.JpaConfigDao;
import io.armada.tars.internal.jpa.JpaNodeDao;
import io.armada.tars.internal.jpa.JpaPatchDao;
import io.armada.tars.internal.jpa.JpaTarsDao;
import io.armada.tars.internal.jpa.JpaTaskDao;

/**
 * Tasks, commands and config pushes on the real tables, with the nodes faked: each node call is held until the test
 * answers it, so the order of items (serial stops at the first failure, parallel starts all) is seen without timing.
 */
public class TaskServiceImplTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static TarsServiceImpl servers;
    private static ConfigServiceImpl configs;
    private static PatchServiceImpl patches;
    private static Path root;
    private FakeNodes nodes;
    private TaskServiceImpl tasks;

    /** A node call the test answers. */
    record Call(String ip, String command, Map<String, Object> data, CompletableFuture<NodeCalls.Reply> reply) {
        void ok(Map<String, Object> data) {
            reply.complete(new NodeCalls.Reply(true, "", data));
        }

        void fail(String why) {
            reply.complete(new NodeCalls.Reply(false, why, Map.of()));
        }
    }

    static final class FakeNodes implements NodeCalls {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final Map<String, Map<String, Object>> reported = new java.util.HashMap<>();

        @Override
        public CompletionStage<Reply> call(String ip, String command, Map<String, Object> data, Duration timeout) {
            Call c = new Call(ip, command, data, new CompletableFuture<>());
            calls.add(c);
            return c.reply();
        }

        @Override
        public Optional<Map<String, Object>> reported(String ip, String app, String server) {
            return Optional.ofNullable(reported.get(ip + " " + app + "." + server));
        }

        @Override
        public Optional<Report> report(String ip) {
            return Optional.empty();
        }
    }

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "tars-tasks");
        jpa = DerbyJpa.open("armada-tars", dir.resolve("db"));
        store = new JpaStore(jpa);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        servers = new TarsServiceImpl(new JpaTarsDao(store), clock);
        configs = new ConfigServiceImpl(new JpaConfigDao(store), new JpaTarsDao(store), clock);
        root = dir.resolve("patchs");
        patches = new PatchServiceImpl(new JpaPatchDao(store), root, 1 << 20, clock);
    }

    @AfterClass
    public static void close() {
        patches.deactivate();
        jpa.close();
    }

    @Before
    public void empty() {
        store.run(em -> {
            for (String e : List.of("TaskItemEntity", "TaskEntity", "PatchEntity", "ConfigRefEntity",
                    "ConfigHistoryEntity", "ConfigEntity", "AdapterEntity", "NotifyEntity", "ServerEntity",
                    "NodeEntity")) {
                em.createQuery("delete from " + e).executeUpdate();
            }
        });
        for (int i = 1; i <= 3; i++) {
            new JpaNodeDao(store).insert(new NodeDao.InstalledNode("10.0.0." + i, i, i), T0);
        }
        nodes = new FakeNodes();
        // the pool's work runs on the thread that completes a node call: the test's
        tasks = new TaskServiceImpl(new JpaTaskDao(store, "s1"), patches, configs, servers, null,
                Clock.fixed(T0, ZoneOffset.UTC), Runnable::run);
        tasks.setCalls(nodes);
    }

    private static List<ServerConf> deploy(String... ips) {
        List<NewServer.NewServant> a = new ArrayList<>();
        for (String ip : ips) {
            a.add(new NewServer.NewServant(ip, "HelloObj", ip, 10001, null, null, null, null, null, null, 0));
        }
        return servers.deploy(new NewServer("App", "Hello", null, null, "tars.default", false, null, null, null, null,
                a));
    }

    private static PatchPackage upload(byte[] bytes) {
        return patches.upload("App", "Hello", "v", null, patches.stage(new ByteArrayInputStream(bytes)), "u");
    }

    private static List<NewTaskItem> items(List<ServerConf> rows, String command) {
        return rows.stream().map(s -> new NewTaskItem(s.id(), command, Map.of())).toList();
    }

    private static long count(String entity) {
        return store.tx(em -> em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult());
    }

    @Test
    public void aSerialTaskRunsItemsOneByOneAndStopsAtTheFirstFailure() {
        List<ServerConf> rows = deploy("10.0.0.1", "10.0.0.2", "10.0.0.3");
        String no = tasks.addTask(true, items(rows, "restart"), "http://s:1", "");
        assertTrue(no, no.matches("[0-9a-f]{32}"));
        // one call at a time: the second item waits for the first
        assertEquals(1, nodes.calls.size());
        TaskView running = tasks.task(no);
        assertEquals(TaskStatus.RUNNING, running.status());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.NOT_START, TaskStatus.NOT_START),
                running.items().stream().map(TaskItem::status).toList());
        assertEquals("restart", nodes.calls.get(0).command());
        assertEquals(Map.of("app", "App", "server", "Hello"), nodes.calls.get(0).data());
        nodes.calls.get(0).ok(Map.of("state", "active", "pids", List.of(42), "output", "started"));
        assertEquals(2, nodes.calls.size());
        assertEquals("10.0.0.2", nodes.calls.get(1).ip());
        nodes.calls.get(1).fail("node refused with code 40705: start.sh exited 1");
        // the third never ran
        assertEquals(2, nodes.calls.size());
        TaskView done = tasks.task(no);
        assertEquals(TaskStatus.PARIAL, done.status());
        List<TaskItem> it = done.items();
        assertEquals(TaskStatus.SUCCESS, it.get(0).status());
        assertEquals("started", it.get(0).executeInfo());
        assertEquals(100, it.get(0).percent());
        assertEquals(TaskStatus.FAILED, it.get(1).status());
        assertTrue(it.get(1).statusInfo(), it.get(1).statusInfo().contains("40705"));
        assertEquals(TaskStatus.CANCEL, it.get(2).status());
        assertTrue(it.get(2).statusInfo(), it.get(2).statusInfo().contains(it.get(1).itemNo()));
        assertEquals(3, it.stream().map(TaskItem::itemNo).distinct().count());
        // the rows say what the nodes did; every ended item wrote a notify row
        ServerConf first = servers.server(rows.get(0).id());
        assertEquals("active", first.settingState());
        assertEquals("active", first.presentState());
        assertEquals(42, first.processId());
        assertEquals("inactive", servers.server(rows.get(1).id()).settingState());
        List<NotifyRecord> log = servers.notifies("1App.5Hello", 0, 0).rows().stream()
                .filter(n -> n.command().equals("restart")).toList();
        assertEquals(2, log.size());
        assertTrue(log.stream().anyMatch(n -> n.threadId().equals(it.get(0).itemNo())
                && n.result().startsWith("success")));
        assertTrue(log.stream().anyMatch(n -> n.result().startsWith("failed")));
        assertEquals(1, tasks.tasks("App", null, null, null, null, 0, 0).count());
        assertEquals(0, tasks.tasks(null, null, "stop", null, null, 0, 0).count());
    }

    @Test
    public void aParallelTaskStartsEveryItemAndEndsWhenAllAnswered() {
        List<ServerConf> rows = deploy("10.0.0.1", "10.0.0.2");
        String no = tasks.addTask(false, items(rows, "stop"), "http://s:1", "");
        assertEquals(2, nodes.calls.size());
        CompletionStage<TaskView> ended = tasks.ended(no);
        assertFalse(ended.toCompletableFuture().isDone());
        nodes.calls.get(1).ok(Map.of("state", "inactive", "pids", List.of()));
        assertEquals(TaskStatus.RUNNING, tasks.task(no).status());
        nodes.calls.get(0).ok(Map.of("state", "inactive", "pids", List.of()));
        assertTrue(ended.toCompletableFuture().isDone());
        assertEquals(TaskStatus.SUCCESS, ended.toCompletableFuture().join().status());
        assertEquals("inactive", servers.server(rows.get(0).id()).presentState());
    }

    @Test
    public void patchTarsSendsTheDownloadRouteAndMd5AndRecordsTheVersion() {
        List<ServerConf> rows = deploy("10.0.0.1");
        PatchPackage p = upload("package".getBytes());
        String no = tasks.addTask(true, List.of(new NewTaskItem(rows.get(0).id(), "patch_tars",
                Map.of("patch_id", Long.toString(p.id()), "bak_flag", "1"))), "http://10.0.0.9:8181/", "");
        Call c = nodes.calls.get(0);
        assertEquals("deploy", c.command());
        assertEquals("http://10.0.0.9:8181/api/download_package?id=" + p.id(), c.data().get("address"));
        assertEquals(p.md5(), c.data().get("md5"));
        c.ok(Map.of("state", "inactive", "version", 1));
        assertEquals(TaskStatus.SUCCESS, tasks.task(no).status());
        assertEquals(Map.of("patch_id", Long.toString(p.id()), "update_text", "", "bak_flag", "1"),
                tasks.task(no).items().get(0).parameters());
        ServerConf s = servers.server(rows.get(0).id());
        assertEquals(Long.toString(p.id()), s.patchVersion());
        assertEquals(T0, s.patchTime());
    }

    @Test
    public void patchTarsOnANodeThatIsNotABackupRestartsItAfterThePatch() {
        List<ServerConf> rows = deploy("10.0.0.1");
        PatchPackage p = upload("package".getBytes());
        String no = tasks.addTask(true, List.of(new NewTaskItem(rows.get(0).id(), "patch_tars",
                Map.of("patch_id", Long.toString(p.id())))), "http://10.0.0.9:8181/", "");
        assertEquals("the row's bak_flag (false) when the item names none", "0",
                tasks.task(no).items().get(0).parameters().get("bak_flag"));
        nodes.calls.get(0).ok(Map.of("state", "inactive", "version", 2, "output", "unpacked"));
        assertEquals(TaskStatus.RUNNING, tasks.task(no).status());
        Call restart = nodes.calls.get(1);
        assertEquals("restart", restart.command());
        assertEquals(Map.of("app", "App", "server", "Hello"), restart.data());
        restart.ok(Map.of("state", "active", "pids", List.of(99), "output", "started"));
        TaskItem item = tasks.task(no).items().get(0);
        assertEquals(TaskStatus.SUCCESS, item.status());
        assertTrue(item.statusInfo(), item.statusInfo().contains("restarted: active"));
        assertEquals("unpacked\nstarted", item.executeInfo());
        ServerConf s = servers.server(rows.get(0).id());
        assertEquals(Long.toString(p.id()), s.patchVersion());
        assertEquals("active", s.settingState());
        assertEquals("active", s.presentState());
        assertEquals(99, s.processId());
        assertEquals(2, nodes.calls.size());
    }

    @Test
    public void aRestartThatFailsAfterThePatchFailsTheItemAndKeepsTheVersion() {
        List<ServerConf> rows = deploy("10.0.0.1");
        PatchPackage p = upload("package".getBytes());
        String no = tasks.addTask(true, List.of(new NewTaskItem(rows.get(0).id(), "patch_tars",
                Map.of("patch_id", Long.toString(p.id()), "bak_flag", "false"))), "http://10.0.0.9:8181/", "");
        nodes.calls.get(0).ok(Map.of("state", "inactive", "version", 2));
        nodes.calls.get(1).fail("node refused with code 40705: start.sh exited 1");
        TaskItem item = tasks.task(no).items().get(0);
        assertEquals(TaskStatus.FAILED, item.status());
        assertTrue(item.statusInfo(), item.statusInfo().contains("restart failed") && item.statusInfo()
                .contains("40705"));
        assertEquals(Long.toString(p.id()), servers.server(rows.get(0).id()).patchVersion());
    }

    @Test
    public void undeployDeletesTheRowAndANodeThatNeverRanItCounts() {
        List<ServerConf> rows = deploy("10.0.0.1", "10.0.0.2");
        String no = tasks.addTask(false, items(rows, "undeploy_tars"), "http://s:1", "");
        nodes.calls.get(0).ok(Map.of("state", "inactive"));
        nodes.calls.get(1).fail("node refused with code 40701: no such service");
        assertEquals(TaskStatus.SUCCESS, tasks.task(no).status());
        assertEquals(0, servers.servers("1App", 0, 0).count());
        assertEquals(0, count("AdapterEntity"));
        // the items still read, with the position they acted on
        assertEquals("10.0.0.1", tasks.task(no).items().get(0).nodeName());
    }

    @Test
    public void badTasksAreRefusedAndWriteNothing() {
        List<ServerConf> rows = deploy("10.0.0.1");
        long id = rows.get(0).id();
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.addTask(true, List.of(), "http://s:1", ""));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.addTask(true,
                List.of(new NewTaskItem(id, "reboot", Map.of())), "http://s:1", ""));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.addTask(true,
                List.of(new NewTaskItem(id, "restart", Map.of()), new NewTaskItem(id + 100, "restart", Map.of())),
                "http://s:1", ""));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.addTask(true,
                List.of(new NewTaskItem(id, "patch_tars", Map.of("patch_id", "999"))), "http://s:1", ""));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.addTask(true,
                List.of(new NewTaskItem(id, "patch_tars", Map.of("patch_id", "x"))), "http://s:1", ""));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.task("nope"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.task("0".repeat(32)));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.sendCommand(List.of(id), "a;b"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.sendCommand(List.of(id + 100), "x"));
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> tasks.pushConfig(List.of(12345L)));
        assertEquals(0, count("TaskEntity"));
        assertEquals(0, count("TaskItemEntity"));
        assertTrue(nodes.calls.isEmpty());
        // without the agents area nothing is written either
        tasks.unsetCalls(nodes);
        ApiErrors.expect(ErrorKind.UNAVAILABLE, () -> tasks.addTask(true,
                List.of(new NewTaskItem(id, "restart", Map.of())), "http://s:1", ""));
        assertEquals(0, count("TaskEntity"));
    }

    @Test
    public void aTaskLeftRunningByAStoppedServerEndsFailedSayingWhy() {
        List<ServerConf> rows = deploy("10.0.0.1", "10.0.0.2");
        String no = tasks.addTask(true, items(rows, "restart"), "http://s:1", "");
        assertEquals(1, nodes.calls.size()); // the server "stops" here: the node never answers
        TaskServiceImpl next = new TaskServiceImpl(new JpaTaskDao(store, "s1"), patches, configs, servers, null,
                Clock.fixed(T0, ZoneOffset.UTC), Runnable::run);
        next.leases(new ServerLeases(store, "tars", "s1", 30_000, () -> 0L));
        next.recover();
        TaskView t = next.task(no);
        assertEquals(TaskStatus.FAILED, t.status());
        for (TaskItem i : t.items()) {
            assertEquals(TaskStatus.FAILED, i.status());
            assertTrue(i.statusInfo(), i.statusInfo().startsWith("interrupted: the server stopped"));
        }
        assertEquals(2, t.items().size());
    }

    @Test
    public void anotherServersTaskIsLeftToItWhileItBeatsAndFailsOnceItStopped() {
        List<ServerConf> rows = deploy("10.0.0.1");
        java.util.concurrent.atomic.AtomicLong clockA = new java.util.concurrent.atomic.AtomicLong(0);
        java.util.concurrent.atomic.AtomicLong clockB = new java.util.concurrent.atomic.AtomicLong(0);
        ServerLeases a = new ServerLeases(store, "tars", "s1", 30_000, clockA::get);
        tasks.leases(a);
        a.beat();
        String no = tasks.addTask(true, items(rows, "restart"), "http://s:1", ""); // its node never answers
        TaskServiceImpl b = new TaskServiceImpl(new JpaTaskDao(store, "s2"), patches, configs, servers, null,
                Clock.fixed(T0, ZoneOffset.UTC), Runnable::run);
        ServerLeases bl = new ServerLeases(store, "tars", "s2", 30_000, clockB::get);
        b.leases(bl);
        b.recover(); // s2 starts beside a running s1
        bl.beat();
        b.takeOver();
        assertEquals(TaskStatus.RUNNING, b.task(no).status());
        clockB.addAndGet(29_000);
        a.beat();
        bl.beat();
        b.takeOver();
        assertEquals("s1 still beats", TaskStatus.RUNNING, b.task(no).status());
        clockB.addAndGet(30_000); // s1 was killed: its beat stands still
        bl.beat();
        b.takeOver();
        TaskView t = b.task(no);
        assertEquals(TaskStatus.FAILED, t.status());
        assertEquals(1, t.items().size());
        assertTrue(t.items().get(0).statusInfo(),
                t.items().get(0).statusInfo().startsWith("interrupted: the server that ran the task stopped"));
    }

    @Test
    public void sendCommandAnswersPerTargetAndPushWritesTheMergedConfigThenLoadsIt() {
        List<ServerConf> rows = deploy("10.0.0.1", "10.0.0.2");
        var sent = tasks.sendCommand(rows.stream().map(ServerConf::id).toList(), "tars.setloglevel  DEBUG")
                .toCompletableFuture();
        assertEquals("tars.setloglevel DEBUG", nodes.calls.get(0).data().get("command"));
        nodes.calls.get(0).ok(Map.of("output", "done", "exit", 0));
        assertFalse(sent.isDone());
        nodes.calls.get(1).fail("node refused with code 40705: exit 2");
        List<TargetResult> r = sent.join();
        assertEquals(2, r.size());
        assertEquals(0, r.get(0).retCode());
        assertEquals("done", r.get(0).errMsg());
        assertEquals(-1, r.get(1).retCode());
        assertTrue(r.get(1).errMsg().contains("40705"));

        nodes.calls.clear();
        ConfigFile f = configs.add(new NewConfig(5, "App", "Hello", null, null, null, "app.conf", "server=1"));
        var pushed = tasks.pushConfig(List.of(f.id())).toCompletableFuture();
        assertEquals(2, nodes.calls.size());
        for (Call c : List.copyOf(nodes.calls)) {
            assertEquals("write_config", c.command());
            assertEquals("app.conf", c.data().get("filename"));
            assertEquals("server=1", c.data().get("content"));
            c.ok(Map.of());
        }
        assertEquals(4, nodes.calls.size());
        for (Call c : nodes.calls.subList(2, 4)) {
            assertEquals("command", c.command());
            assertEquals("tars.loadconfig app.conf", c.data().get("command"));
            c.ok(Map.of("output", "loaded"));
        }
        List<TargetResult> p = pushed.join();
        assertEquals(List.of(0, 0), p.stream().map(TargetResult::retCode).toList());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), p.stream().map(TargetResult::nodeName).toList());
    }

    @Test
    public void theRealtimeStateIsTheNodesReport() {
        ServerConf s = deploy("10.0.0.1").get(0);
        assertEquals("inactive", tasks.realtimeState(s.id()));
        nodes.reported.put("10.0.0.1 App.Hello", Map.of("state", "active"));
        assertEquals("active", tasks.realtimeState(s.id()));
    }

    @Test
    public void expandDeploysMoreRowsAndPatchesThemWithTheDefaultPackage() {
        deploy("10.0.0.1");
        PatchPackage p = upload("v".getBytes());
        var e = tasks.expand("App", "Hello", "10.0.0.1", List.of(new io.armada.tars.TarsTasks.ExpandTarget("10.0.0.2",
                "HelloObj", null, 10002)), "http://s:1", "");
        assertEquals(List.of("10.0.0.2"), e.servers().stream().map(ServerConf::nodeName).toList());
        assertTrue(e.taskNo(), e.taskNo().matches("[0-9a-f]{32}"));
        assertEquals(1, nodes.calls.size());
        assertEquals("deploy", nodes.calls.get(0).command());
        assertEquals("10.0.0.2", nodes.calls.get(0).ip());
        assertEquals(p.md5(), nodes.calls.get(0).data().get("md5"));
        nodes.calls.get(0).ok(Map.of("state", "inactive"));
        // not a backup: restarted after the patch
        assertEquals("restart", nodes.calls.get(1).command());
        nodes.calls.get(1).ok(Map.of("state", "active", "pids", List.of(7)));
        assertEquals(TaskStatus.SUCCESS, tasks.task(e.taskNo()).status());
        assertEquals(2, servers.servers("1App.5Hello", 0, 0).count());
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.expand("App", "Hello", "10.0.0.3",
                List.of(new io.armada.tars.TarsTasks.ExpandTarget("10.0.0.2", "HelloObj", null, 1)), "http://s:1",
                ""));
    }

    @Test
    public void loadServerWritesTheServersConfigFilesOnItsNode() {
        deploy("10.0.0.1", "10.0.0.2");
        configs.add(new NewConfig(5, "App", "Hello", null, null, null, "a.conf", "a=1"));
        configs.add(new NewConfig(5, "App", "Hello", null, null, null, "b.conf", "b=1"));
        var loaded = tasks.loadServer("App", "Hello", "10.0.0.2").toCompletableFuture();
        assertEquals(2, nodes.calls.size());
        for (Call c : nodes.calls) {
            assertEquals("write_config", c.command());
            assertEquals("10.0.0.2", c.ip());
            c.ok(Map.of());
        }
        assertEquals("loaded 2 config file(s) on 10.0.0.2: a.conf, b.conf", loaded.join());
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> tasks.loadServer("App", "Hello", "10.0.0.3"));
    }
}
