package io.armada.scheduler.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Json;
import io.armada.scheduler.JobRun;
import io.armada.scheduler.JobSpec;
import io.armada.scheduler.JobState;
import io.armada.scheduler.ScheduledJob;
import io.armada.scheduler.Step;
import io.armada.scheduler.StepResult;

/** How a job is written: the original's names, epoch seconds, run times with milliseconds written plainly. */
public class SchedulerRowTest {
    private static final ObjectMapper JSON = Json.newMapper();

    @Test
    public void aJobIsWrittenWithTheOriginalsNames() throws Exception {
        Step s = new Step("http", Map.of("method", "GET", "path", "/health"), null);
        ScheduledJob j = new ScheduledJob(42, new JobSpec(List.of(s), 1_800_000_000L, 3, 60, null, 1, true, "d"),
                JobState.ACTIVE, 1_800_000_060_123L, 1, 1_700_000_000L,
                List.of(new JobRun(7, 42, 1_800_000_000_000L, 1_800_000_000_120L, 1_800_000_000_450L, true, "ok",
                        List.of(new StepResult(0, "http", "execute", 1, 1_800_000_000_121L, 1_800_000_000_449L, true,
                                "GET /health: HTTP 200")))));
        String text = JSON.writeValueAsString(SchedulerRow.of(j, true));
        JsonNode n = JSON.readTree(text);
        assertEquals(42, n.get("job_id").asLong());
        assertEquals(1_800_000_060L, n.get("next_fire_time").asLong());
        assertEquals(60, n.get("interval").asInt());
        assertEquals("active", n.get("state").asText());
        assertEquals("/health", n.get("jobs").get(0).get("kwargs").get("path").asText());
        assertFalse(n.get("jobs").get(0).has("revert"));
        assertTrue(text, text.contains("\"start\":1800000000.120"));
        assertTrue(text, text.contains("\"scheduled\":1800000000.000"));
        assertEquals(1, n.get("runs").get(0).get("steps").size());
        assertFalse(JSON.readTree(JSON.writeValueAsString(SchedulerRow.of(j, false))).has("runs"));
    }
}
