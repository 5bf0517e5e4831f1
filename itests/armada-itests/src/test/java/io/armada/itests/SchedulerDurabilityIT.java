package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SPEC §10.3 across a restart, on the archive as a user runs it: jobs stay stored with their next fires, and a fire
 * that fell due while the server was down runs once when it is back (Quartz's misfire handling on its JDBC store).
 */
public class SchedulerDurabilityIT {
    private static final String TOKEN = "scheduler-durability-token-0123456789abcdef";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String V = "/v1.0/schedulers";
    private static Instance server;

    @BeforeClass
    public static void start() throws Exception {
        Path work = Path.of(System.getProperty("armada.itest.work", "target/it"));
        server = Instance.unpack(work, "scheduler-durability").env("ARMADA_TOKEN", TOKEN);
        // jobs due within seconds: no start lead
        Files.writeString(server.home.resolve("etc/io.armada.scheduler.cfg"), "min.lead.seconds = 0\n");
        server.start();
        awaitRoutes();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (server != null && server.running()) {
            try {
                server.stop();
            } catch (Exception | AssertionError e) {
                server.kill9();
            }
        }
    }

    private static Http http() {
        return server.http(TOKEN);
    }

    private static void awaitRoutes() {
        Http.await("scheduler routes", DEADLINE, () -> http().get(V).status() == 200);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode show(long id) {
        Http.Answer a = http().get(V + "/" + id);
        assertEquals(a.toString(), 200, a.status());
        return a.json().get("data").get(0);
    }

    private static long create(long start, String times, int interval) {
        Http.Answer a = http().post(V, "{\"jobs\":[{\"executor\":\"http\",\"kwargs\":{\"method\":\"GET\",\"path\":"
                + "\"/health\"}}],\"start\":" + start + ",\"times\":" + times + ",\"interval\":" + interval
                + ",\"retry\":0,\"revertall\":false,\"desc\":\"durable\"}");
        assertEquals(a.toString(), 200, a.status());
        return a.json().get("data").get(0).get("job_id").asLong();
    }

    @Test
    public void jobsSurviveARestartAndAFireMissedWhileDownRunsOnce() throws Exception {
        long due = now() + 5;
        long once = create(due, "1", 1);
        long hourly = create(due, "null", 3600);
        long later = create(now() + 7200, "1", 1);
        long laterNext = show(later).get("next_fire_time").asLong();
        assertEquals(now() + 7200, laterNext, 2);
        server.stop();
        long wait = due + 2 - now();
        if (wait > 0) {
            Thread.sleep(wait * 1000);
        }
        server.start();
        awaitRoutes();
        Http.await("the missed fires ran", DEADLINE,
                () -> show(once).get("fired").asInt() == 1 && show(hourly).get("fired").asInt() == 1);
        Thread.sleep(3_000);
        JsonNode o = show(once);
        JsonNode h = show(hourly);
        assertEquals("once, not more", 1, o.get("fired").asInt());
        assertEquals("finished", o.get("state").asText());
        assertEquals(1, h.get("fired").asInt());
        assertEquals("active", h.get("state").asText());
        assertTrue(h.toString(), h.get("next_fire_time").asLong() > now());
        JsonNode l = show(later);
        assertEquals(0, l.get("fired").asInt());
        assertEquals(laterNext, l.get("next_fire_time").asLong());
        assertTrue(o.toString(), o.get("runs").get(0).get("success").asBoolean());
    }
}
