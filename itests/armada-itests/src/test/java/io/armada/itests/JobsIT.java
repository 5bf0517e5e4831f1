package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jobs, first part (seed 001, SPEC §10.5) on the server role: JOBX's login ({@code appkey}/{@code appname}) and its
 * {@code code 10000}, projects, jobs, groups with their batches, the audit log and the third-party group names; bad
 * input answered {@code {stat:false, info}} with nothing written; the bundle stopped and started; the shell. Tasks over
 * nodes no agent reports from: the batch fails at once and waits for its confirm, a stop ends the task, bad task input
 * is refused (tasks on a real node: {@code JobsNodeIT}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobsIT extends ArmadaKarafTestSupport {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String J = "/api/jobx";

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void jobsServe() {
        awaitSettled();
        Http.await("jobs routes", DEADLINE, () -> http().get(J + "/project").status() == 200);
    }

    /** The JOBX client's headers: the fleet token as appkey, any appname. */
    private Http jobx() {
        return http().withHeaders(Map.of("appkey", TOKEN, "appname", "ci@app"));
    }

    static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertTrue(a.toString(), j.get("stat").asBoolean());
        return j.get("data");
    }

    static String refused(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), false, j.get("stat").asBoolean());
        return j.get("info").asText();
    }

    private static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    @Test
    public void appkeyLogsInAndNoneIsCode10000() {
        ok(jobx().get(J + "/project"));
        JsonNode none = anonymous().get(J + "/project").json();
        assertEquals(false, none.get("stat").asBoolean());
        assertEquals(10000, none.get("code").asInt());
        JsonNode wrong = anonymous().withHeaders(Map.of("appkey", "wrong", "appname", "x")).get(J + "/project").json();
        assertEquals(10000, wrong.get("code").asInt());
    }

    @Test
    public void projectsJobsAndGroupsWithTheirBatches() throws Exception {
        String name = unique("web");
        long p = ok(jobx().post(J + "/project", "{\"name\":\"" + name + "\",\"nodes\":[\"10.2.0.1\",\"10.2.0.2\","
                + "\"10.2.0.3\",\"10.2.0.4\"]}")).get("id").asLong();
        JsonNode project = ok(jobx().get(J + "/project/" + p));
        assertEquals(List.of("id", "name", "nodes", "create_time"), fields(project));
        assertEquals(4, project.get("nodes").size());

        long job = ok(jobx().post(J + "/job/" + p, "{\"name\":\"restart\",\"steps\":[{\"handler\":\"ServerHandler\","
                + "\"command\":\"restart\",\"data\":{\"app\":\"App\",\"server\":\"${server}\"}}]}")).get("id").asLong();
        JsonNode j = ok(jobx().get(J + "/job/" + p + "/" + job));
        assertEquals("restart", j.get("name").asText());
        assertEquals("${server}", j.get("steps").get(0).get("data").get("server").asText());
        assertEquals(1, ok(jobx().get(J + "/job/" + p)).size());

        long list = ok(jobx().post(J + "/group/" + p, "{\"name\":\"pairs\",\"note\":\"n\",\"group_type\":\"list\","
                + "\"node\":\"10.2.0.1,10.2.0.2;10.2.0.3\"}")).get("id").asLong();
        long pct = ok(jobx().post(J + "/group/" + p, "{\"name\":\"quarters\",\"group_type\":\"percent\","
                + "\"percent\":\"1:25%\"}")).get("id").asLong();
        assertEquals("[[\"10.2.0.1\",\"10.2.0.2\"],[\"10.2.0.3\"]]",
                ok(jobx().get(J + "/group/" + p + "/" + list + "/node")).toString());
        assertEquals("[[\"10.2.0.1\"],[\"10.2.0.2\"],[\"10.2.0.3\"],[\"10.2.0.4\"]]",
                ok(jobx().get(J + "/group/" + p + "/" + pct + "/node")).toString());
        JsonNode groups = ok(jobx().get(J + "/group/" + p));
        assertEquals(2, groups.size());
        assertEquals(List.of("id", "name", "note", "group_type", "group_uuid", "edit_time"), fields(groups.get(0)));
        assertEquals("quarters", groups.get(0).get("name").asText());
        JsonNode detail = ok(jobx().get(J + "/group/" + p + "/" + list));
        assertEquals("10.2.0.1,10.2.0.2;10.2.0.3", detail.get("node").asText());
        String uuid = detail.get("group_uuid").asText();
        ok(jobx().post(J + "/group/" + p + "/" + list, "{\"name\":\"pairs\",\"group_type\":\"list\","
                + "\"node\":\"10.2.0.4\"}"));
        JsonNode edited = ok(jobx().get(J + "/group/" + p + "/" + list));
        assertTrue(!uuid.equals(edited.get("group_uuid").asText()));
        assertEquals("[\"pairs\",\"quarters\"]".length(), ok(jobx().post(J + "/third/option/groupname",
                "{\"project_id\":" + p + "}")).toString().length());

        JsonNode log = ok(jobx().get(J + "/log/" + p));
        assertEquals(List.of("id", "user", "info", "create_time"), fields(log.get(0)));
        assertEquals("EDIT BATCH: pairs", log.get(0).get("info").asText());
        assertEquals("ci@app", log.get(0).get("user").asText());
        assertTrue(shell("job:groups " + p).contains("batch 1: 10.2.0.4"));
        assertTrue(shell("job:projects").contains(name));

        assertTrue(refused(jobx().send("DELETE", J + "/project/" + p, null, null)).contains("delete them first"));
        ok(jobx().send("DELETE", J + "/group/" + p + "/" + list, null, null));
        ok(jobx().send("DELETE", J + "/group/" + p + "/" + pct, null, null));
        ok(jobx().send("DELETE", J + "/job/" + p + "/" + job, null, null));
        ok(jobx().send("DELETE", J + "/project/" + p, null, null));
        refused(jobx().get(J + "/project/" + p));
    }

    @Test
    public void badInputIsRefusedAndWritesNothing() {
        long p = ok(jobx().post(J + "/project", "{\"name\":\"" + unique("bad") + "\",\"nodes\":[\"10.2.1.1\"]}"))
                .get("id").asLong();
        assertEquals("name undef", refused(jobx().post(J + "/project", "{\"nodes\":[\"10.2.1.1\"]}")));
        refused(jobx().post(J + "/project", "{\"name\":\"x\",\"nodes\":[\"not-an-ip\"]}"));
        refused(jobx().post(J + "/project", "[1]"));
        refused(jobx().post(J + "/project", "{\"name\":"));
        refused(jobx().get(J + "/project/abc"));
        refused(jobx().post(J + "/job/" + p, "{\"name\":\"j\",\"steps\":[{\"handler\":\"x\"}]}"));
        refused(jobx().post(J + "/job/" + p, "{\"name\":\"j\",\"steps\":\"restart\"}"));
        assertEquals("group type unkwon", refused(jobx().post(J + "/group/" + p, "{\"name\":\"g\",\"group_type\":\"x\"}")));
        assertTrue(refused(jobx().post(J + "/group/" + p, "{\"name\":\"g\",\"group_type\":\"percent\","
                + "\"percent\":\"1:2:%10:5%\"}")).contains("percent format error"));
        refused(jobx().get(J + "/group/" + p + "/999999/node"));
        refused(jobx().post(J + "/third/option/groupname", "{}"));
        assertEquals(0, ok(jobx().get(J + "/job/" + p)).size());
        assertEquals(0, ok(jobx().get(J + "/group/" + p)).size());
        assertEquals(1, ok(jobx().get(J + "/log/" + p)).size());
    }

    @Test
    public void aTaskOverNodesWithoutAgentsWaitsForItsConfirmAndAStopEndsIt() throws Exception {
        long p = ok(jobx().post(J + "/project", "{\"name\":\"" + unique("noagent") + "\",\"nodes\":[\"10.3.0.1\","
                + "\"10.3.0.2\"]}")).get("id").asLong();
        ok(jobx().post(J + "/job/" + p, "{\"name\":\"ls\",\"steps\":[{\"handler\":\"FileHandler\","
                + "\"command\":\"list_files\"}]}"));
        ok(jobx().post(J + "/group/" + p, "{\"name\":\"each\",\"group_type\":\"percent\",\"percent\":\"1\"}"));
        assertEquals("jobname undef", refused(jobx().post(J + "/task/" + p + "/job/byname", "{\"group\":\"each\"}")));
        refused(jobx().post(J + "/task/" + p + "/job/byname", "{\"jobname\":\"ls\",\"group\":\"none\"}"));
        assertEquals(0, ok(jobx().get(J + "/task/" + p)).size());

        Http.Answer started = jobx().post(J + "/task/" + p + "/job/byname", "{\"jobname\":\"ls\",\"group\":\"each\"}");
        ok(started);
        String uuid = started.json().get("uuid").asText();
        assertTrue(uuid, uuid.matches("[A-Za-z0-9]{11}[a-z]"));
        Http.await("batch 1 waiting", DEADLINE, () -> "WaitConfirm".equals(ok(jobx().get(J + "/subtask/" + p + "/"
                + uuid)).get(0).get("confirm").asText()));
        JsonNode subs = ok(jobx().get(J + "/subtask/" + p + "/" + uuid));
        assertEquals(2, subs.size());
        assertEquals(List.of("id", "parent_uuid", "uuid", "nodelist", "nodecount", "starttime", "finishtime", "runtime",
                "status", "confirm"), fields(subs.get(0)));
        assertEquals("init", subs.get(1).get("status").asText());
        JsonNode log = ok(jobx().get(J + "/slave/any/log/" + uuid));
        assertEquals(1, log.size());
        assertTrue(log.toString(), log.get(0).get("result").asText().contains("no live agent"));
        assertTrue(shell("job:task " + p + " " + uuid).contains("WaitConfirm"));
        assertTrue(shell("job:stop " + p + " " + uuid).contains("stopped"));
        Http.await("the task failed", DEADLINE, () -> "fail".equals(ok(jobx().get(J + "/task/" + p + "/" + uuid))
                .get("status").asText()));
        assertEquals("cancel", ok(jobx().get(J + "/subtask/" + p + "/" + uuid)).get(1).get("status").asText());
        assertTrue(shell("job:tasks " + p).contains(uuid));
        assertEquals(1L, ok(jobx().get(J + "/task/" + p + "/count")).get("fail").asLong());
        assertTrue(ok(jobx().get(J + "/log/" + p)).get(0).get("info").asText().startsWith("KILL JOBX"));
    }

    @Test
    public void theBundleTakesItsRoutesWithIt() throws Exception {
        Bundle jobs = bundle("armada-jobs");
        jobs.stop();
        try {
            Http.await("jobs routes gone", DEADLINE, () -> http().get(J + "/project").status() == 404);
            assertEquals(200, anonymous().get("/health").status());
        } finally {
            jobs.start();
        }
        Http.await("jobs routes back", DEADLINE, () -> http().get(J + "/project").status() == 200);
    }
}
