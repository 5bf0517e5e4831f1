package io.armada.scheduler.internal.jpa;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.scheduler.JobRun;
import io.armada.scheduler.JobSpec;
import io.armada.scheduler.JobState;
import io.armada.scheduler.Step;
import io.armada.scheduler.StepResult;
import io.armada.scheduler.internal.JobRow;

/** SCHEDULER_JOB and SCHEDULER_RUN on embedded Derby. */
public class JpaJobDaoTest {
    private static DerbyJpa jpa;
    private static JpaJobDao dao;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "scheduler-dao");
        jpa = DerbyJpa.open("armada-scheduler", dir);
        dao = new JpaJobDao(new JpaStore(jpa));
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    static JobSpec spec(String desc) {
        Step undo = new Step("http", Map.of("method", "DELETE", "path", "/v1.0/x"), null);
        Step s = new Step("http", Map.of("method", "POST", "path", "/v1.0/x", "body", Map.of("a", List.of(1, "b"))),
                undo);
        Step t = new Step("agents-task", Map.of("agents", List.of(1, 2), "task", Map.of("cmd", "x")), null);
        return new JobSpec(List.of(s, t), 1_800_000_000L, null, 60, null, 2, true, desc);
    }

    @Test
    public void aJobIsReadBackWhole() {
        JobRow row = dao.insert(spec("whole"), 1_700_000_000L);
        JobRow back = dao.find(row.id()).orElseThrow();
        assertEquals(spec("whole"), back.spec());
        assertEquals(JobState.ACTIVE, back.state());
        assertEquals(0, back.fired());
        assertEquals(1_700_000_000L, back.created());
        JobSpec cron = new JobSpec(spec("c").steps(), 1_800_000_000L, 3, 0, "0 0 * * * ?", 0, false, "c");
        assertEquals(cron, dao.replace(row.id(), cron, JobState.STOPPED).orElseThrow().spec());
        assertEquals(JobState.STOPPED, dao.find(row.id()).orElseThrow().state());
        assertTrue(dao.find(row.id() + 1000).isEmpty());
        assertTrue(dao.ids(10_000).contains(row.id()));
    }

    @Test
    public void onlyTheNewestRunsAreKeptAndEachIsCounted() {
        JobRow row = dao.insert(spec("runs"), 1L);
        for (int i = 0; i < 7; i++) {
            List<StepResult> steps = List.of(new StepResult(0, "http", "execute", 1, i, i + 1, true, "ok " + i));
            JobRun r = dao.addRun(row.id(), 1000L * i, i, i + 1, i % 2 == 0, "run " + i, steps, 3, false).orElseThrow();
            assertEquals(steps, r.steps());
        }
        List<JobRun> runs = dao.runs(row.id(), 100);
        assertEquals(List.of("run 6", "run 5", "run 4"), runs.stream().map(JobRun::result).toList());
        assertEquals("ok 6", runs.get(0).steps().get(0).result());
        assertEquals(7, dao.find(row.id()).orElseThrow().fired());
        assertEquals(JobState.ACTIVE, dao.find(row.id()).orElseThrow().state());
        dao.addRun(row.id(), 0, 0, 0, true, "last", List.of(), 3, true);
        assertEquals("the last fire finishes it", JobState.FINISHED, dao.find(row.id()).orElseThrow().state());
        assertEquals(8, dao.find(row.id()).orElseThrow().fired());
        assertEquals("a new plan counts its own fires", 0,
                dao.replace(row.id(), spec("again"), JobState.ACTIVE).orElseThrow().fired());
        assertEquals(3, dao.runs(row.id(), 100).size());
        dao.setState(row.id(), JobState.STOPPED);
        dao.addRun(row.id(), 0, 0, 0, true, "stopped", List.of(), 3, true);
        assertEquals("a stopped job is not marked finished", JobState.STOPPED, dao.find(row.id()).orElseThrow().state());
        assertEquals(row.id(), dao.delete(row.id()).orElseThrow().id());
        assertTrue(dao.runs(row.id(), 100).isEmpty());
        assertTrue(dao.addRun(row.id(), 0, 0, 0, true, "late", List.of(), 3, true).isEmpty());
    }

    @Test
    public void pagesAreById() {
        long before = dao.count();
        for (int i = 0; i < 5; i++) {
            dao.insert(spec("p" + i), 1L);
        }
        assertEquals(before + 5, dao.count());
        List<JobRow> all = dao.page(0, 10_000);
        assertEquals(before + 5, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).id() < all.get(i).id());
        }
        assertEquals(2, dao.page(1, 2).size());
    }
}
