package io.armada.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import io.armada.scheduler.JobSpec;
import io.armada.scheduler.Step;
import io.armada.scheduler.StepResult;

/** Steps in order, retries, and the revert of finished steps in reverse order. */
public class JobRunnerTest {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Integer> failuresLeft = new HashMap<>();
    private final AtomicLong clock = new AtomicLong(1000);

    private StepExecutor http = kwargs -> {
        String path = (String) kwargs.get("path");
        calls.add(path);
        clock.addAndGet(5);
        int left = failuresLeft.getOrDefault(path, 0);
        if (left != 0) {
            failuresLeft.put(path, left - 1);
            return StepExecutor.Outcome.failed("boom " + path);
        }
        return StepExecutor.Outcome.ok("ok " + path);
    };

    private JobRunner runner() {
        return new JobRunner(name -> "http".equals(name) ? http : null, clock::get);
    }

    static Step step(String path, String revertPath) {
        return new Step("http", Map.of("method", "POST", "path", path),
                revertPath == null ? null : new Step("http", Map.of("method", "POST", "path", revertPath), null));
    }

    static JobSpec job(int retry, boolean revertall, Step... steps) {
        return new JobSpec(List.of(steps), 0, 1, 0, null, retry, revertall, "");
    }

    @Test
    public void stepsRunInOrder() {
        JobRunner.Result r = runner().run(job(0, false, step("/a", null), step("/b", null), step("/c", null)));
        assertTrue(r.success());
        assertEquals(List.of("/a", "/b", "/c"), calls);
        assertEquals(3, r.steps().size());
        for (StepResult s : r.steps()) {
            assertEquals("execute", s.phase());
            assertEquals(1, s.attempts());
            assertEquals(5, s.end() - s.start());
        }
    }

    @Test
    public void aFailedStepIsRetriedRetryTimes() {
        failuresLeft.put("/b", 2);
        JobRunner.Result r = runner().run(job(2, false, step("/a", null), step("/b", null)));
        assertTrue(r.success());
        assertEquals(List.of("/a", "/b", "/b", "/b"), calls);
        assertEquals(3, r.steps().get(1).attempts());
    }

    @Test
    public void theFirstStepThatStillFailsEndsTheRun() {
        failuresLeft.put("/b", 5);
        JobRunner.Result r = runner().run(job(1, false, step("/a", "/undo-a"), step("/b", null), step("/c", null)));
        assertFalse(r.success());
        assertEquals(List.of("/a", "/b", "/b"), calls);
        assertTrue(r.summary(), r.summary().startsWith("step 1 (http) failed: boom /b"));
        assertEquals(2, r.steps().size());
    }

    @Test
    public void revertallRevertsTheFinishedStepsLastFirst() {
        failuresLeft.put("/d", 1);
        JobRunner.Result r = runner().run(job(0, true, step("/a", "/undo-a"), step("/b", null), step("/c", "/undo-c"),
                step("/d", "/undo-d"), step("/e", "/undo-e")));
        assertFalse(r.success());
        // the failed step is not reverted, a step without revert is skipped, nothing after the failure runs
        assertEquals(List.of("/a", "/b", "/c", "/d", "/undo-c", "/undo-a"), calls);
        List<String> phases = r.steps().stream().map(s -> s.phase() + " " + s.index()).toList();
        assertEquals(List.of("execute 0", "execute 1", "execute 2", "execute 3", "revert 2", "revert 0"), phases);
        assertTrue(r.summary(), r.summary().endsWith("2 finished step(s) reverted"));
    }

    @Test
    public void aFailedRevertDoesNotStopTheOthers() {
        failuresLeft.put("/c", 5);
        failuresLeft.put("/undo-b", 3);
        JobRunner.Result r = runner().run(job(1, true, step("/a", "/undo-a"), step("/b", "/undo-b"), step("/c", null)));
        assertEquals(List.of("/a", "/b", "/c", "/c", "/undo-b", "/undo-b", "/undo-a"), calls);
        assertFalse(r.steps().get(2).success());
        assertEquals(2, r.steps().get(2).attempts());
        assertEquals("revert", r.steps().get(3).phase());
        assertFalse(r.steps().get(3).success());
        assertEquals(2, r.steps().get(3).attempts());
        assertTrue(r.steps().get(4).success());
    }

    @Test
    public void withoutRevertallNothingIsReverted() {
        failuresLeft.put("/b", 1);
        runner().run(job(0, false, step("/a", "/undo-a"), step("/b", null)));
        assertEquals(List.of("/a", "/b"), calls);
    }

    @Test
    public void anUnavailableExecutorFailsItsStepWithAClearMessage() {
        JobSpec spec = new JobSpec(List.of(new Step("agents-task", Map.of("agents", "all", "task", Map.of()), null)),
                0, 1, 0, null, 2, false, "");
        JobRunner.Result r = runner().run(spec);
        assertFalse(r.success());
        assertEquals(3, r.steps().get(0).attempts());
        assertTrue(r.steps().get(0).result(), r.steps().get(0).result().contains("agents area is not installed"));
    }

    @Test
    public void anExceptionIsAFailedAttempt() {
        http = kwargs -> {
            throw new IllegalStateException("broken");
        };
        JobRunner.Result r = runner().run(job(0, false, step("/a", null)));
        assertFalse(r.success());
        assertEquals("IllegalStateException: broken", r.steps().get(0).result());
    }
}
