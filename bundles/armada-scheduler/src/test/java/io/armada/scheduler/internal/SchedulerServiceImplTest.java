package io.armada.scheduler.internal;

import static io.armada.core.testing.ApiErrors.badRequest;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.core.testing.Await;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.scheduler.JobRun;
import io.armada.scheduler.JobState;
import io.armada.scheduler.ScheduledJob;
import io.armada.scheduler.internal.jpa.JpaJobDao;

/**
 * The service on real Quartz (JobStoreTX, StdJDBCDelegate; asked for clustered, which embedded Derby does not need) on
 * embedded Derby, with Quartz's tables made
 * from its own script: jobs fire through our job factory, each run is recorded, a job with no fire left is finished.
 */
public class SchedulerServiceImplTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static DerbyJpa jpa;
    private final List<String> called = Collections.synchronizedList(new ArrayList<>());
    private SchedulerServiceImpl service;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "scheduler-quartz");
        jpa = DerbyJpa.open("armada-scheduler", dir);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Before
    public void start() {
        service = newService(() -> true);
        service.engine().start();
    }

    /** A service on this class's database whose http steps are recorded in {@link #called}. */
    private SchedulerServiceImpl newService(java.util.function.BooleanSupplier serverUp) {
        return newService(serverUp, "test" + NAMES.incrementAndGet());
    }

    /** As above, on the Quartz scheduler (and so the triggers) named {@code name}. */
    private SchedulerServiceImpl newService(java.util.function.BooleanSupplier serverUp, String name) {
        StepExecutor http = kwargs -> {
            called.add((String) kwargs.get("path"));
            return "/fail".equals(kwargs.get("path")) ? StepExecutor.Outcome.failed("no") : StepExecutor.Outcome.ok("yes");
        };
        return new SchedulerServiceImpl(new JpaJobDao(new JpaStore(jpa)),
                fires -> new QuartzEngine(jpa.dataSource(), new QuartzEngine.Settings(name, 2, true, 7_500, 60_000),
                        fires, serverUp),
                http, null, System::currentTimeMillis, 0, 5);
    }

    @Test
    public void aStopReleasesTheTriggerTheSchedulerThreadHeldAndItFiresAfterTheNextStart() throws Exception {
        // a job due in a few seconds: Quartz's scheduler thread acquires its trigger and waits for the fire time;
        // at the stop it was interrupted while it released the trigger, or met a job store already shut down (an
        // ERROR in the log, the trigger left ACQUIRED)
        ScheduledJob j = service.create(body(inSeconds(5), 1, null, "/later"));
        Await.until("the trigger acquired", Duration.ofSeconds(30), () -> "ACQUIRED".equals(triggerState(j)));
        service.deactivate();
        // the thread let go of the trigger before it was halted, and ended before the job store shut down
        assertEquals("WAITING", triggerState(j));
        assertNull("Quartz's scheduler thread after the stop", schedulerThreadState());
        service = newService(() -> true, "test" + NAMES.get()); // the same scheduler started again
        service.engine().start();
        Await.until("the job fired after the start", Duration.ofSeconds(60),
                () -> service.job(j.jobId()).orElseThrow().state() == JobState.FINISHED);
        assertEquals(1, service.job(j.jobId()).orElseThrow().fired());
    }

    /** The state Quartz's table holds for the job's trigger. */
    private static String triggerState(ScheduledJob j) {
        try (Connection c = jpa.dataSource().getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?")) {
            ps.setString(1, Long.toString(j.jobId())); // Triggers.triggerKey
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private Thread.State schedulerThreadState() {
        String name = "test" + NAMES.get() + "_QuartzSchedulerThread";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .map(Thread::getState).findFirst().orElse(null);
    }

    @Test
    public void nothingFiresBeforeTheServerIsUpAndWhatFellDueMeanwhileFiresThen() throws Exception {
        service.deactivate(); // this one's server was up from the start
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
        service = newService(up::get);
        Thread starting = new Thread(service.engine()::start, "test-scheduler-start");
        starting.start();
        // jobs are stored while the server starts (the routes answer), but Quartz stands by
        ScheduledJob j = service.create(body(inSeconds(1), 1, null, "/while-starting"));
        Await.until("the job's fire time passed", Duration.ofSeconds(30),
                () -> System.currentTimeMillis() > j.spec().start() * 1000 + 1000);
        assertTrue(service.engine().scheduler().isInStandbyMode());
        assertEquals(0, service.job(j.jobId()).orElseThrow().fired());
        assertFalse(service.engine().firing().isDone());
        up.set(true);
        service.engine().firing().get(30, java.util.concurrent.TimeUnit.SECONDS);
        Await.until("the missed fire ran once the server was up", Duration.ofSeconds(30),
                () -> service.job(j.jobId()).orElseThrow().state() == JobState.FINISHED);
        assertEquals(1, service.job(j.jobId()).orElseThrow().fired());
        assertEquals(List.of("/while-starting"), called);
        starting.join(30_000);
        assertFalse(starting.isAlive());
    }

    @After
    public void stop() {
        service.deactivate();
    }

    static Map<String, Object> body(long start, Integer times, Integer interval, String... paths) {
        List<Object> jobs = new ArrayList<>();
        for (String p : paths) {
            jobs.add(Map.of("executor", "http", "kwargs", Map.of("method", "POST", "path", p)));
        }
        Map<String, Object> b = new HashMap<>();
        b.put("jobs", jobs);
        b.put("start", start);
        b.put("times", times);
        if (interval != null) {
            b.put("interval", interval);
        }
        b.put("retry", 0);
        b.put("revertall", false);
        b.put("desc", "test");
        return b;
    }

    static long inSeconds(int s) {
        return System.currentTimeMillis() / 1000 + s;
    }

    @Test
    public void aloneOnEmbeddedDerbyQuartzIsNotClustered() throws Exception {
        // no other server can open an embedded database: no cluster manager thread, no check-in rows
        assertFalse(service.engine().scheduler().getMetaData().isJobStoreClustered());
        assertEquals(ArmadaJobStore.class, service.engine().scheduler().getMetaData()
                .getJobStoreClass());
        assertTrue(QuartzTables.embedded(jpa.dataSource()));
    }

    @Test
    public void quartzTablesAreCreatedOnceAndAgainIsNoError() throws Exception {
        List<String> statements = QuartzTables.statements(QuartzTables.Kind.DERBY);
        assertTrue(statements.size() >= 11);
        for (String s : statements) {
            assertFalse(s, s.toLowerCase().startsWith("drop"));
        }
        assertEquals(QuartzTables.Kind.DERBY, QuartzTables.ensure(jpa.dataSource()));
        try (Connection c = jpa.dataSource().getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, "QRTZ_LOCKS", null)) {
            assertTrue(rs.next());
        }
    }

    @Test
    public void aOnceJobFiresOnceAndFinishes() {
        ScheduledJob j = service.create(body(inSeconds(1), 1, null, "/a", "/b"));
        assertEquals(JobState.ACTIVE, j.state());
        assertNotNull(j.nextFire());
        Await.until("one run recorded", Duration.ofSeconds(30),
                () -> service.job(j.jobId()).orElseThrow().state() == JobState.FINISHED);
        ScheduledJob done = service.job(j.jobId()).orElseThrow();
        assertEquals(1, done.fired());
        assertEquals(1, done.runs().size());
        JobRun run = done.runs().get(0);
        assertTrue(run.success());
        assertEquals(j.spec().start() * 1000, run.scheduled());
        assertEquals(2, run.steps().size());
        assertNull(done.nextFire());
        assertEquals(List.of("/a", "/b"), called);
    }

    @Test
    public void anNTimesJobFiresNTimesAndKeepsTheNewestRuns() {
        ScheduledJob j = service.create(body(inSeconds(1), 7, 1, "/n"));
        Await.until("seven runs", Duration.ofSeconds(60),
                () -> service.job(j.jobId()).orElseThrow().state() == JobState.FINISHED);
        ScheduledJob done = service.job(j.jobId()).orElseThrow();
        assertEquals(7, done.fired());
        assertEquals(5, done.runs().size());
        assertEquals(7, called.size());
    }

    @Test
    public void aStoppedJobDoesNotFireAndStartsAgain() throws Exception {
        ScheduledJob j = service.create(body(inSeconds(2), 1, null, "/s"));
        assertEquals(JobState.STOPPED, service.stop(j.jobId()).state());
        Thread.sleep(3_000);
        assertEquals(0, service.job(j.jobId()).orElseThrow().fired());
        assertEquals(JobState.ACTIVE, service.start(j.jobId()).state());
        Await.until("fired after start", Duration.ofSeconds(30),
                () -> service.job(j.jobId()).orElseThrow().fired() == 1);
    }

    @Test
    public void aFailedStepIsRecordedAsAFailedRun() {
        ScheduledJob j = service.create(body(inSeconds(1), 1, null, "/ok", "/fail", "/never"));
        Await.until("run recorded", Duration.ofSeconds(30), () -> service.job(j.jobId()).orElseThrow().fired() == 1);
        JobRun run = service.job(j.jobId()).orElseThrow().runs().get(0);
        assertFalse(run.success());
        assertEquals(2, run.steps().size());
        assertFalse(called.contains("/never"));
    }

    @Test
    public void runNowFiresOnceBesidesThePlan() {
        ScheduledJob j = service.create(body(inSeconds(3600), 1, null, "/now"));
        service.runNow(j.jobId());
        Await.until("ran by hand", Duration.ofSeconds(30), () -> service.job(j.jobId()).orElseThrow().fired() == 1);
        ScheduledJob after = service.job(j.jobId()).orElseThrow();
        assertEquals(0, after.runs().get(0).scheduled());
        assertEquals(JobState.ACTIVE, after.state());
        assertNotNull(after.nextFire());
    }

    @Test
    public void updateReplansAndDeleteRemovesEverything() {
        ScheduledJob j = service.create(body(inSeconds(3600), 1, null, "/u"));
        ScheduledJob u = service.update(j.jobId(), body(inSeconds(7200), 3, 60, "/u2"));
        assertEquals(Integer.valueOf(3), u.spec().times());
        assertEquals(inSeconds(7200) * 1000, u.nextFire(), 2000);
        service.delete(j.jobId());
        assertTrue(service.job(j.jobId()).isEmpty());
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> service.delete(j.jobId()));
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> service.stop(j.jobId()));
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> service.update(j.jobId(), body(inSeconds(60), 1, null, "/x")));
    }

    @Test
    public void badInputStoresNothing() {
        long before = service.page(0).total();
        badRequest("jobs must not be empty", () -> service.create(body(inSeconds(60), 1, null)));
        badRequest("times must be at least 1", () -> service.create(body(inSeconds(60), 0, null, "/x")));
        Map<String, Object> cron = body(inSeconds(60), null, null, "/x");
        cron.put("cron", "61 * * * *");
        badRequest("is not valid", () -> service.create(cron));
        assertEquals(before, service.page(0).total());
    }
}
