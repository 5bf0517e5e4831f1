package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scheduler (seed 000, SPEC §10.3) on the server role, on Quartz's clustered JDBC job store in the server's Derby:
 * jobs that fire once and N times and really call a route of this server with the fleet token, stop and start,
 * delete, bad input refused with nothing stored, the bundle stopped (no routes, no fires) and started (the missed
 * fire runs once), the shell. The start lead is set to 0 here so jobs can be due within seconds.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SchedulerIT extends ArmadaKarafTestSupport {
    private static final String V = "/v1.0/schedulers";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Override
    protected List<Option> extraOptions() {
        return List.of(editConfigurationFilePut("etc/io.armada.scheduler.cfg", "min.lead.seconds", "0"));
    }

    @Before
    public void settled() {
        awaitSettled();
    }

    private static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 0, j.get("resultcode").asInt());
        return j;
    }

    private static void refused(int status, String fragment, Http.Answer a) {
        assertEquals(a.toString(), status, a.status());
        assertTrue(a.toString(), a.json().get("msg").asText().contains(fragment));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String httpStep(String method, String path, String body) {
        return "{\"executor\":\"http\",\"kwargs\":{\"method\":\"" + method + "\",\"path\":\"" + path + "\""
                + (body == null ? "" : ",\"body\":" + body) + "}}";
    }

    private static String job(long start, String times, String steps) {
        return "{\"jobs\":[" + steps + "],\"start\":" + start + (times == null ? "" : ",\"times\":" + times)
                + ",\"interval\":1,\"retry\":0,\"revertall\":false,\"desc\":\"it\"}";
    }

    private long create(String body) {
        JsonNode j = ok(http().post(V, body));
        long id = j.get("data").get(0).get("job_id").asLong();
        assertEquals("Create scheduler job:" + id + " success", j.get("result").asText());
        return id;
    }

    private JsonNode show(long id) {
        return ok(http().get(V + "/" + id)).get("data").get(0);
    }

    private long total() {
        return ok(http().get(V)).get("total").asLong();
    }

    private boolean domainListed(String domain) {
        return http().get("/egg/domain/list").body().contains(domain);
    }

    @Test
    public void aJobThatFiresOnceCallsARouteOfThisServer() {
        String domain = "sched-" + System.nanoTime() + ".example.com";
        long id = create(job(now() + 1, "1", httpStep("POST", "/egg/domain/add", "{\"domain\":\"" + domain + "\"}")));
        Http.await("the job finished", DEADLINE, () -> "finished".equals(show(id).get("state").asText()));
        JsonNode j = show(id);
        assertEquals(1, j.get("fired").asInt());
        assertTrue(j.get("next_fire_time").isNull());
        JsonNode run = j.get("runs").get(0);
        assertTrue(run.toString(), run.get("success").asBoolean());
        assertEquals(1, run.get("steps").size());
        assertTrue(run.get("start").asDouble() >= run.get("scheduled").asDouble());
        assertTrue("the step called the block list with the fleet token", domainListed(domain));
    }

    @Test
    public void aJobThatFiresNTimes() {
        long id = create(job(now() + 1, "3", httpStep("GET", "/v1.0/schedulers", null)));
        Http.await("three runs", DEADLINE, () -> "finished".equals(show(id).get("state").asText()));
        JsonNode j = show(id);
        assertEquals(3, j.get("fired").asInt());
        assertEquals(3, j.get("runs").size());
        for (JsonNode run : j.get("runs")) {
            assertTrue(run.toString(), run.get("success").asBoolean());
        }
    }

    @Test
    public void aNon2xxAnswerOrAnErrorEnvelopeFailsTheStep() {
        long id = create(job(now() + 1, "1", httpStep("GET", "/v1.0/schedulers/999999999", null) + ","
                + httpStep("GET", "/v1.0/schedulers", null)));
        Http.await("the run", DEADLINE, () -> show(id).get("fired").asInt() == 1);
        JsonNode run = show(id).get("runs").get(0);
        assertFalse(run.get("success").asBoolean());
        assertEquals("one step ran, the failed one", 1, run.get("steps").size());
        assertTrue(run.toString(), run.get("steps").get(0).get("result").asText().contains("HTTP 404"));
        // an egg error envelope (HTTP 200, status 1): a duplicate domain
        String domain = "dup-" + System.nanoTime() + ".example.com";
        assertEquals(0, http().post("/egg/domain/add", "{\"domain\":\"" + domain + "\"}").json().get("status").asInt());
        long dup = create(job(now() + 1, "1", httpStep("POST", "/egg/domain/add", "{\"domain\":\"" + domain + "\"}")));
        Http.await("the run", DEADLINE, () -> show(dup).get("fired").asInt() == 1);
        JsonNode r2 = show(dup).get("runs").get(0);
        assertFalse(r2.toString(), r2.get("success").asBoolean());
        assertTrue(r2.toString(), r2.get("result").asText().contains("status 1"));
    }

    @Test
    public void anAgentsTaskWithoutSuchAgentFailsItsStepWithAMessage() {
        long id = create(job(now() + 1, "1", "{\"executor\":\"agents-task\",\"kwargs\":{\"agents\":[987654],"
                + "\"task\":{\"handler\":\"OsHandler\",\"command\":\"status\"}}}"));
        Http.await("the run", DEADLINE, () -> show(id).get("fired").asInt() == 1);
        JsonNode run = show(id).get("runs").get(0);
        assertFalse(run.get("success").asBoolean());
        assertTrue(run.toString(), run.get("result").asText().contains("agents 987654"));
    }

    /** An agent whose node is this server's own monitor (the server role runs it too). */
    private long selfAgent() {
        int port = Integer.getInteger("armada.http.port");
        String uuid = "it-scheduler-node";
        Http.Answer a = http().post("/v1.0/reports", "{\"hostname\":\"it-sched-host\",\"ip\":\"127.0.0.1\",\"utc\":"
                + now() + ",\"type\":\"resource\",\"node_uuid\":\"" + uuid + "\",\"port\":" + port
                + ",\"ports_range\":[\"30000-30100\"],\"data\":{\"cpu\":{\"numbers\":2,\"utilization\":1.0},"
                + "\"memory\":{\"available\":1,\"total\":2,\"utilization\":50.0},\"disk\":{},\"diskio\":{},"
                + "\"networkio\":{}}}");
        assertEquals(a.toString(), 200, a.status());
        return a.json().get("data").get(0).get("agent_id").asLong();
    }

    @Test
    public void anAgentsTaskReachesARealNodeAndItsAnswerDecides() {
        long agent = selfAgent();
        long id = create(job(now() + 1, "1", "{\"executor\":\"agents-task\",\"kwargs\":{\"agents\":[" + agent
                + "],\"task\":{\"handler\":\"TimerHandler\",\"command\":\"resume\"}}}"));
        Http.await("the run", DEADLINE, () -> show(id).get("fired").asInt() == 1);
        JsonNode run = show(id).get("runs").get(0);
        assertTrue(run.toString(), run.get("success").asBoolean());
        assertTrue(run.toString(), run.get("steps").get(0).get("result").asText().contains("all 1 agent(s) answered 0"));
        long bad = create(job(now() + 1, "1", "{\"executor\":\"agents-task\",\"kwargs\":{\"agents\":[" + agent
                + "],\"task\":{\"handler\":\"NoSuchHandler\",\"command\":\"x\"}}}"));
        Http.await("the run", DEADLINE, () -> show(bad).get("fired").asInt() == 1);
        JsonNode failed = show(bad).get("runs").get(0);
        assertFalse(failed.toString(), failed.get("success").asBoolean());
        assertTrue(failed.toString(), failed.get("result").asText().contains("88888"));
    }

    @Test
    public void stopAndStart() throws Exception {
        long start = now() + 6;
        long id = create(job(start, "1", httpStep("GET", "/v1.0/schedulers", null)));
        assertEquals("stopped", ok(http().post(V + "/" + id + "/stop", "{}")).get("data").get(0).get("state").asText());
        assertTrue("stopped before it was due", now() < start);
        Thread.sleep((start + 2 - now()) * 1000);
        assertEquals("a stopped job does not fire", 0, show(id).get("fired").asInt());
        assertEquals("active", ok(http().post(V + "/" + id + "/start", "{}")).get("data").get(0).get("state").asText());
        Http.await("the missed fire runs once", DEADLINE, () -> show(id).get("fired").asInt() == 1);
        refused(400, "has finished", http().post(V + "/" + id + "/stop", "{}"));
    }

    @Test
    public void updateAndDelete() {
        long id = create(job(now() + 3600, "1", httpStep("GET", "/v1.0/schedulers", null)));
        JsonNode u = ok(http().send("PUT", V + "/" + id, job(now() + 7200, "5", httpStep("GET", "/health", null)),
                "application/json")).get("data").get(0);
        assertEquals(5, u.get("times").asInt());
        assertEquals("/health", u.get("jobs").get(0).get("kwargs").get("path").asText());
        ok(http().send("DELETE", V + "/" + id, null, null));
        refused(404, "not found", http().get(V + "/" + id));
        refused(404, "not found", http().send("DELETE", V + "/" + id, null, null));
        // the goperation format suffix
        assertEquals(200, http().get(V + ".json").status());
        refused(404, "not found", http().get(V + "/" + id + ".json"));
    }

    @Test
    public void badInputIsRefusedAndStoresNothing() {
        long before = total();
        String step = httpStep("GET", "/health", null);
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"{\"start\":" + (now() + 60) + ",\"retry\":0,\"revertall\":false,\"desc\":\"x\"}",
                "'jobs' is a required property"});
        cases.add(new String[] {job(now() + 60, "1", "").replace("\"jobs\":[]", "\"jobs\":{}"), "jobs must be a list"});
        cases.add(new String[] {job(now() + 60, "1", ""), "jobs must not be empty"});
        cases.add(new String[] {job(now() + 60, "1", "{\"kwargs\":{}}"), "executor is required"});
        cases.add(new String[] {job(now() + 60, "1", "{\"executor\":\"ssh\"}"), "executor ssh is unknown"});
        cases.add(new String[] {job(now() + 60, "0", step), "times must be at least 1"});
        cases.add(new String[] {job(now() + 60, null, step).replace("\"interval\":1", "\"cron\":\"not a cron\""),
                "is not valid"});
        cases.add(new String[] {job(now() - 10, "1", step), "Do not add a scheduler"});
        cases.add(new String[] {"{\"jobs\":", ""});
        for (String[] c : cases) {
            Http.Answer a = http().post(V, c[0]);
            refused(400, c[1], a);
        }
        refused(404, "not found", http().get(V + "/987654321"));
        refused(404, "not found", http().post(V + "/987654321/start", "{}"));
        refused(404, "not found", http().post(V + "/987654321/stop", "{}"));
        refused(404, "not found", http().send("PUT", V + "/987654321", job(now() + 60, "1", step), "application/json"));
        refused(400, "job_id", http().get(V + "/abc"));
        assertEquals("nothing stored", before, total());
    }

    @Test
    public void theBundleTakesItsRoutesAndFiresWithIt() throws Exception {
        long id = create(job(now() + 3, "1", httpStep("GET", "/health", null)));
        Bundle b = bundle("armada-scheduler");
        b.stop();
        try {
            Http.await("routes gone", DEADLINE, () -> http().get(V).status() == 404);
            Thread.sleep(5_000);
        } finally {
            b.start();
        }
        Http.await("routes back", DEADLINE, () -> http().get(V).status() == 200);
        Http.await("the fire missed while stopped runs once", DEADLINE, () -> show(id).get("fired").asInt() == 1);
        Thread.sleep(2_000);
        assertEquals(1, show(id).get("fired").asInt());
    }

    @Test
    public void uninstallingTheFeatureKeepsTheJobs() throws Exception {
        long id = create(job(now() + 3600, "1", httpStep("GET", "/health", null)));
        long next = show(id).get("next_fire_time").asLong();
        features.uninstallFeature("armada-scheduler", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Http.await("routes gone", DEADLINE, () -> http().get(V).status() == 404);
        features.installFeature("armada-scheduler", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Http.await("routes back", DEADLINE, () -> http().get(V).status() == 200);
        JsonNode j = show(id);
        assertEquals("active", j.get("state").asText());
        assertEquals(next, j.get("next_fire_time").asLong());
    }

    @Test
    public void shellListShowRunPauseResumeDelete() throws Exception {
        long id = create(job(now() + 3600, "1", httpStep("GET", "/health", null)));
        assertTrue(shell("scheduler:list").contains(Long.toString(id)));
        shell("scheduler:run " + id);
        Http.await("ran by hand", DEADLINE, () -> show(id).get("fired").asInt() == 1);
        String shown = shell("scheduler:show " + id);
        assertTrue(shown, shown.contains("by hand"));
        assertTrue(shell("scheduler:pause " + id).contains("stopped"));
        assertTrue(shell("scheduler:resume " + id).contains("active"));
        shell("scheduler:delete " + id);
        refused(404, "not found", http().get(V + "/" + id));
    }
}
