package io.armada.scheduler.internal;

import static io.armada.core.testing.ApiErrors.badRequest;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.scheduler.JobSpec;

/** The create/update schema and the rules on top of it. */
public class SchedulerRulesTest {
    static final long NOW = 1_800_000_000L;

    static Map<String, Object> http(String path) {
        return Map.of("executor", "http", "kwargs", Map.of("method", "POST", "path", path));
    }

    static Map<String, Object> body() {
        Map<String, Object> b = new HashMap<>();
        b.put("jobs", List.of(http("/v1.0/agents")));
        b.put("start", NOW + 300);
        b.put("retry", 0);
        b.put("revertall", false);
        b.put("desc", "nightly");
        return b;
    }

    static JobSpec spec(Map<String, Object> b) {
        return SchedulerRules.spec(b, NOW, 300);
    }

    @Test
    public void aMinimalBodyIsAJobForeverEvery300Seconds() {
        JobSpec s = spec(body());
        assertEquals(1, s.steps().size());
        assertEquals("http", s.steps().get(0).executor());
        assertEquals(NOW + 300, s.start());
        assertNull(s.times());
        assertEquals(300, s.interval());
        assertNull(s.cron());
        assertEquals("nightly", s.desc());
    }

    @Test
    public void requiredFieldsAreRequired() {
        for (String f : List.of("jobs", "start", "retry", "revertall", "desc")) {
            Map<String, Object> b = body();
            b.remove(f);
            badRequest("'" + f + "' is a required property", () -> spec(b));
        }
        badRequest("required", () -> spec(null));
    }

    @Test
    public void jobsMustBeANonEmptyListOfStepsWithAKnownExecutor() {
        Map<String, Object> b = body();
        b.put("jobs", Map.of("executor", "http"));
        badRequest("jobs must be a list", () -> spec(b));
        b.put("jobs", List.of());
        badRequest("jobs must not be empty", () -> spec(b));
        b.put("jobs", List.of(Map.of("kwargs", Map.of())));
        badRequest("jobs[0].executor is required", () -> spec(b));
        b.put("jobs", List.of(http("/x"), Map.of("executor", "shell")));
        badRequest("jobs[1].executor shell is unknown", () -> spec(b));
        b.put("jobs", List.of("http"));
        badRequest("jobs[0] must be an object", () -> spec(b));
        b.put("jobs", List.of(Map.of("executor", "http", "kwargs", List.of())));
        badRequest("jobs[0].kwargs must be an object", () -> spec(b));
    }

    @Test
    public void anHttpStepNamesARouteOfThisServer() {
        Map<String, Object> b = body();
        for (String bad : List.of("v1.0/agents", "//evil.example/x", "/a/../b", "/a b", "http://x/")) {
            b.put("jobs", List.of(http(bad)));
            badRequest("route of this server", () -> spec(b));
        }
        b.put("jobs", List.of(Map.of("executor", "http", "kwargs", Map.of("method", "TRACE", "path", "/x"))));
        badRequest("method must be one of", () -> spec(b));
        b.put("jobs", List.of(Map.of("executor", "http", "kwargs", Map.of("method", "get"))));
        badRequest("path is required", () -> spec(b));
    }

    @Test
    public void anAgentsTaskNamesAgentsAndATask() {
        Map<String, Object> b = body();
        b.put("jobs", List.of(Map.of("executor", "agents-task", "kwargs", Map.of("agents", "all", "task", Map.of()))));
        assertEquals("agents-task", spec(b).steps().get(0).executor());
        b.put("jobs", List.of(Map.of("executor", "agents-task", "kwargs", Map.of("agents", List.of(1, 2),
                "task", Map.of("cmd", "x")))));
        spec(b);
        assertEquals("1,2", SchedulerRules.agentSelection(List.of(1, 2), "k"));
        b.put("jobs", List.of(Map.of("executor", "agents-task", "kwargs", Map.of("agents", "some",
                "task", Map.of()))));
        badRequest("agents must be 'all' or a list", () -> spec(b));
        b.put("jobs", List.of(Map.of("executor", "agents-task", "kwargs", Map.of("agents", List.of(0),
                "task", Map.of()))));
        badRequest("must be at least 1", () -> spec(b));
        b.put("jobs", List.of(Map.of("executor", "agents-task", "kwargs", Map.of("agents", "all"))));
        badRequest("task must be an object", () -> spec(b));
    }

    @Test
    public void aRevertIsAStepWithoutARevertOfItsOwn() {
        Map<String, Object> b = body();
        Map<String, Object> step = new HashMap<>(http("/a"));
        step.put("revert", http("/undo-a"));
        b.put("jobs", List.of(step));
        assertEquals("/undo-a", spec(b).steps().get(0).revert().kwargs().get("path"));
        Map<String, Object> nested = new HashMap<>(http("/undo"));
        nested.put("revert", http("/undo-undo"));
        step.put("revert", nested);
        badRequest("may not have a revert of its own", () -> spec(b));
        step.put("revert", "undo");
        badRequest("jobs[0].revert must be an object", () -> spec(b));
    }

    @Test
    public void timesIsAtLeastOneOrNull() {
        Map<String, Object> b = body();
        b.put("times", 0);
        badRequest("times must be at least 1", () -> spec(b));
        b.put("times", "3");
        badRequest("times must be an integer", () -> spec(b));
        b.put("times", 3);
        assertEquals(Integer.valueOf(3), spec(b).times());
        b.put("times", null);
        assertNull(spec(b).times());
    }

    @Test
    public void aRepeatedJobNeedsAnInterval() {
        Map<String, Object> b = body();
        b.put("interval", 0);
        badRequest("interval must be at least 1", () -> spec(b));
        b.put("times", 1);
        assertEquals(1, spec(b).times().intValue());
        b.put("interval", -1);
        badRequest("interval must be at least 0", () -> spec(b));
    }

    @Test
    public void startMustBeFarEnoughAhead() {
        Map<String, Object> b = body();
        b.put("start", NOW + 299);
        badRequest("Do not add a scheduler in 5 min", () -> spec(b));
        badRequest("Do not add a scheduler in 60 seconds", () -> SchedulerRules.spec(b, NOW + 250, 60));
        b.put("start", "tomorrow");
        badRequest("start must be an integer", () -> spec(b));
        b.put("start", NOW + 300);
        b.put("revertall", "yes");
        badRequest("revertall must be a boolean", () -> spec(b));
    }

    @Test
    public void cronReplacesInterval() {
        Map<String, Object> b = body();
        b.put("cron", "0 0/5 * * * ?");
        JobSpec s = spec(b);
        assertEquals("0 0/5 * * * ?", s.cron());
        b.put("interval", 60);
        badRequest("give interval or cron, not both", () -> spec(b));
        b.remove("interval");
        b.put("cron", "every day");
        badRequest("is not valid", () -> spec(b));
        b.put("cron", "0 0 0 30 2 ? 2020");
        badRequest("never fires after start", () -> spec(b));
    }

    @Test
    public void aFiveFieldUnixCronIsConverted() {
        assertEquals("0 */5 * * * ?", SchedulerRules.cron("*/5 * * * *"));
        assertEquals("0 30 2 1 * ?", SchedulerRules.cron("30 2 1 * *"));
        // Unix Sunday is 0 or 7, Monday 1; Quartz Sunday is 1, Monday 2
        assertEquals("0 0 9 ? * 2-6", SchedulerRules.cron("0 9 * * 1-5"));
        assertEquals("0 0 9 ? * 1,1", SchedulerRules.cron("0 9 * * 0,7"));
        assertEquals("0 0 9 ? * 1/2", SchedulerRules.cron("0 9 * * 0/2"));
        badRequest("not supported", () -> SchedulerRules.cron("0 9 1 * 1"));
        badRequest("4 fields", () -> SchedulerRules.cron("0 9 * *"));
        badRequest("0..7", () -> SchedulerRules.cron("0 9 * * 8"));
        assertTrue(SchedulerRules.firstCronFire("0 0 9 ? * 2-6", NOW) != null);
    }
}
