package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jobs' tasks on a real node (SPEC §10.5, issue 17): a server and a node instance unpacked from the archive, the node
 * reporting to the server. The project's node is the IP its agent reports; a group {@code ip;ip} makes two batches of
 * that node. A two-batch success with each node's output in the log, a failing step that waits for its confirm and
 * then goes on, a stop while a step hangs on the node, rollback once and a second refused, the third-party invoke,
 * query and stop, and a {@code kill -9} of the server in the middle: the task resumes at its batch, never sending the
 * step in flight again. (Pax Exam's container cannot start a second instance, so this is a plain IT beside
 * {@code JobsIT}, as {@code FilesNodeIT} is beside {@code FilesIT}.)
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class JobsNodeIT {
    private static final String TOKEN = "jobs-node-it-fleet-token-0123456789abcdef";
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String J = "/api/jobx";
    private static final String OK_STEP = "{\"handler\":\"FileHandler\",\"command\":\"list_files\",\"data\":{}}";
    private static final String BAD_STEP = "{\"handler\":\"FileHandler\",\"command\":\"${cmd}\",\"data\":{}}";
    private static Instance server;
    private static Instance node;
    private static String ip;
    private static long project;
    /** Accepts connections and never answers: a node fetching from it hangs. */
    private static ServerSocket silent;
    /** How many fetches reached {@link #silent}: a hanging step that reached the node. */
    private static final AtomicInteger FETCHES = new AtomicInteger();
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    @BeforeClass
    public static void startBoth() throws Exception {
        Path work = Path.of(System.getProperty("armada.itest.work", "target/it"));
        server = Instance.unpack(work, "jobs-server").env("ARMADA_TOKEN", TOKEN);
        server.start();
        node = Instance.unpack(work, "jobs-node").env("ARMADA_ROLE", "node").env("ARMADA_TOKEN", TOKEN)
                .env("ARMADA_SERVER_URL", "http://127.0.0.1:" + server.httpPort);
        node.start();
        Http.await("the node's agent", Duration.ofSeconds(120), () -> {
            JsonNode agents = http().get("/v1.0/agents").json().get("data");
            if (agents == null || agents.size() == 0) {
                return false;
            }
            JsonNode shown = http().get("/v1.0/agents/" + agents.get(0).get("agent_id").asLong()).json().get("data");
            if (shown != null && shown.size() > 0 && shown.get(0).hasNonNull("ip")) {
                ip = shown.get(0).get("ip").asText();
                return true;
            }
            return false;
        });
        Http.await("the jobs routes", DEADLINE, () -> jobx().get(J + "/project").status() == 200);
        project = ok(jobx().post(J + "/project", "{\"name\":\"it\",\"nodes\":[\"" + ip + "\"]}")).get("id").asLong();
        ok(jobx().post(J + "/group/" + project, "{\"name\":\"twice\",\"group_type\":\"list\",\"node\":\"" + ip + ";"
                + ip + "\"}"));
        ok(jobx().post(J + "/job/" + project, "{\"name\":\"list\",\"steps\":[" + OK_STEP + "," + OK_STEP + "],"
                + "\"rollback\":[" + OK_STEP + "]}"));
        ok(jobx().post(J + "/job/" + project, "{\"name\":\"bad\",\"steps\":[" + BAD_STEP + "]}"));
        ok(jobx().post(J + "/job/" + project, "{\"name\":\"once\",\"steps\":[" + OK_STEP + "]}"));
        silent = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"));
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    HELD.add(silent.accept());
                    FETCHES.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "jobs-node-it-silent");
        acceptor.setDaemon(true);
        acceptor.start();
        ok(jobx().post(J + "/job/" + project, "{\"name\":\"hang\",\"steps\":[{\"handler\":\"FileHandler\","
                + "\"command\":\"fetch_file\",\"timeout\":600,\"data\":{\"md5\":\"0123456789abcdef0123456789abcdef\","
                + "\"size\":10,\"address\":\"http://127.0.0.1:" + silent.getLocalPort() + "/x\"}}]}"));
    }

    @AfterClass
    public static void stopBoth() throws Exception {
        if (silent != null) {
            silent.close();
        }
        for (Socket h : HELD) {
            h.close();
        }
        for (Instance i : new Instance[] {node, server}) {
            if (i != null && i.running()) {
                try {
                    i.stop();
                } catch (Exception | AssertionError e) {
                    i.kill9();
                }
            }
        }
    }

    private static Http http() {
        return server.http(TOKEN);
    }

    private static Http jobx() {
        return Http.local(server.httpPort, null).withHeaders(Map.of("appkey", TOKEN, "appname", "it@app"));
    }

    static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        assertTrue(a.toString(), a.json().get("stat").asBoolean());
        return a.json().get("data");
    }

    static String refused(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        assertEquals(a.toString(), false, a.json().get("stat").asBoolean());
        return a.json().get("info").asText();
    }

    private static String start(String job, String variable) {
        Http.Answer a = jobx().post(J + "/task/" + project + "/job/byname", "{\"jobname\":\"" + job
                + "\",\"group\":\"twice\"" + (variable == null ? "" : ",\"variable\":" + variable) + "}");
        ok(a);
        String uuid = a.json().get("uuid").asText();
        assertTrue(uuid, uuid.matches("[A-Za-z0-9]{11}[a-z]"));
        return uuid;
    }

    private static JsonNode task(String uuid) {
        return ok(jobx().get(J + "/task/" + project + "/" + uuid));
    }

    private static JsonNode subtasks(String uuid) {
        return ok(jobx().get(J + "/subtask/" + project + "/" + uuid));
    }

    private static void awaitStatus(String uuid, String status) {
        Http.await("task " + uuid + " " + status, DEADLINE, () -> status.equals(task(uuid).get("status").asText()));
    }

    private static JsonNode awaitWaiting(String uuid, int batch) {
        Http.await("batch " + batch + " of " + uuid + " waiting", DEADLINE,
                () -> "WaitConfirm".equals(subtasks(uuid).get(batch - 1).get("confirm").asText()));
        return subtasks(uuid).get(batch - 1);
    }

    @Test
    public void a1TwoBatchesSucceedWithEachNodesAnswerInTheLog() {
        String uuid = start("list", null);
        awaitStatus(uuid, "success");
        JsonNode subs = subtasks(uuid);
        assertEquals(2, subs.size());
        for (JsonNode s : subs) {
            assertEquals("success", s.get("status").asText());
            assertEquals(ip, s.get("nodelist").asText());
            assertEquals(uuid, s.get("parent_uuid").asText());
        }
        JsonNode log = ok(jobx().get(J + "/slave/any/log/" + uuid));
        assertEquals(4, log.size());
        for (JsonNode l : log) {
            assertEquals(l.toString(), 0, l.get("code").asInt());
            assertTrue(l.toString(), l.get("output").asText().contains("files"));
        }
        JsonNode listed = ok(jobx().get(J + "/task/" + project + "?status=success&taskuuid=" + uuid));
        assertEquals(1, listed.size());
        assertTrue(ok(jobx().get(J + "/task/" + project + "/count")).get("success").asInt() >= 1);
        assertTrue(ok(jobx().get(J + "/task/" + project + "/analysis/last?count=5")).size() >= 1);
        assertTrue(ok(jobx().get(J + "/task/" + project + "/analysis/date")).size() >= 1);
        assertTrue(ok(jobx().get(J + "/task/" + project + "/analysis/hour")).size() >= 1);
        assertEquals(6, ok(jobx().get(J + "/task/" + project + "/analysis/runtime")).size());
        Instance.Result shell = null;
        try {
            shell = server.shell("job:task " + project + " " + uuid);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(shell.output(), 0, shell.exit());
        assertTrue(shell.output(), shell.output().contains("batch 2"));
    }

    @Test
    public void a2AFailingStepWaitsForItsConfirmThenTheTaskGoesOn() throws Exception {
        String uuid = start("bad", "{\"cmd\":\"no_such_command\"}");
        JsonNode first = awaitWaiting(uuid, 1);
        assertEquals("fail", first.get("status").asText());
        assertEquals("init", subtasks(uuid).get(1).get("status").asText());
        assertEquals("running", task(uuid).get("status").asText());
        JsonNode log = ok(jobx().get(J + "/slave/any/log/" + first.get("uuid").asText()));
        assertEquals(1, log.size());
        assertEquals(-1, log.get(0).get("code").asInt());
        Instance.Result confirm = server.shell("job:confirm " + project + " " + first.get("uuid").asText());
        assertEquals(confirm.output(), 0, confirm.exit());
        JsonNode second = awaitWaiting(uuid, 2);
        assertEquals("task stop", subtasks(uuid).get(0).get("confirm").asText());
        assertTrue(refused(jobx().send("PUT", J + "/subtask/" + project + "/" + first.get("uuid").asText()
                + "/confirm", null, null)).contains("not waiting"));
        ok(jobx().send("PUT", J + "/subtask/" + project + "/" + second.get("uuid").asText() + "/confirm", null, null));
        awaitStatus(uuid, "fail");
    }

    @Test
    public void a3AStopCutsAStepThatHangsOnTheNode() {
        int fetches = FETCHES.get();
        String uuid = start("hang", null);
        Http.await("batch 1's step on the node", DEADLINE, () -> FETCHES.get() > fetches);
        JsonNode stopped = jobx().send("DELETE", J + "/task/" + project + "/" + uuid, null, null).json();
        assertTrue(stopped.toString(), stopped.get("stat").asBoolean());
        awaitStatus(uuid, "fail");
        JsonNode subs = subtasks(uuid);
        assertEquals("cancel", subs.get(0).get("status").asText());
        assertEquals("cancel", subs.get(1).get("status").asText());
        assertTrue(task(uuid).get("reason").asText().contains("stopped"));
        assertEquals("subtask is done", jobx().send("PUT", J + "/task/" + project + "/" + uuid, null, null).json()
                .get("info").asText());
    }

    @Test
    public void a4RollbackOnceAndASecondIsRefused() {
        String uuid = start("list", null);
        awaitStatus(uuid, "success");
        ok(jobx().send("PUT", J + "/task/" + project + "/" + uuid + "/rollback", null, null));
        String ruuid = uuid.substring(0, 11) + Character.toUpperCase(uuid.charAt(11));
        awaitStatus(ruuid, "success");
        assertEquals(2, subtasks(ruuid).size());
        assertTrue(refused(jobx().send("PUT", J + "/task/" + project + "/" + uuid + "/rollback", null, null))
                .contains("once"));
        assertTrue(refused(jobx().send("PUT", J + "/task/" + project + "/" + uuid + "/norollback", null, null))
                .contains("once"));
        assertEquals("role ne deploy", refused(jobx().send("PUT", J + "/task/" + project + "/" + ruuid + "/rollback",
                null, null)));
    }

    @Test
    public void a5ThirdPartyInvokeQueryAndStop() {
        String body = "{\"project_id\":" + project + ",\"uuid\":\"thirdparty01\",\"retry_count\":1,\"params\":{"
                + "\"jobname\":\"once\",\"group\":\"twice\",\"variable\":{\"v\":\"1\"}}}";
        JsonNode dry = jobx().post(J + "/third/interface/dry-run", body).json();
        assertEquals("thirdparty0b", dry.get("uuid").asText());
        assertEquals("ok", dry.get("msg").asText());
        JsonNode invoked = jobx().post(J + "/third/interface/invoke", body).json();
        assertEquals(invoked.toString(), "thirdparty0b", invoked.get("uuid").asText());
        assertEquals("This task has been successfully created", jobx().post(J + "/third/interface/invoke", body)
                .json().get("info").asText());
        String q = "{\"uuid\":\"thirdparty01\",\"retry_count\":1}";
        Http.await("the third-party task complete", DEADLINE, () -> "complete".equals(
                jobx().post(J + "/third/interface/query", q).json().get("status").asText()));
        JsonNode query = jobx().post(J + "/third/interface/query", q).json();
        assertEquals("deployonly", query.get("type").asText());
        assertEquals("[2,2]", query.get("progress").toString());
        assertEquals("jobx uuid:thirdparty0b status: success", jobx().post(J + "/third/interface/stop", q).json()
                .get("info").asText());
        assertTrue(refused(jobx().post(J + "/third/interface/invoke", "{\"project_id\":" + project
                + ",\"uuid\":\"short\",\"params\":{}}")).contains("uuid"));
        assertEquals("params no HASH", refused(jobx().post(J + "/third/interface/dry-run", "{\"project_id\":"
                + project + ",\"uuid\":\"thirdparty02\",\"params\":[1]}")));
    }

    @Test
    public void a6BadInputIsRefusedAndStartsNothing() {
        int before = ok(jobx().get(J + "/task/" + project)).size();
        assertEquals("jobname undef", refused(jobx().post(J + "/task/" + project + "/job/byname",
                "{\"group\":\"twice\"}")));
        refused(jobx().post(J + "/task/" + project + "/job/byname", "{\"jobname\":\"nojob\",\"group\":\"twice\"}"));
        refused(jobx().post(J + "/task/" + project + "/job/byname", "{\"jobname\":\"list\",\"group\":\"twice\","
                + "\"variable\":[1]}"));
        refused(jobx().post(J + "/task/" + project + "/job/byname", "{\"jobname\":"));
        refused(jobx().get(J + "/task/" + project + "?time_start=2026-13-45"));
        refused(jobx().get(J + "/task/" + project + "/bad'uuid"));
        refused(jobx().send("PUT", J + "/task/" + project + "/abcdefghijkl/undo", null, null));
        assertEquals(before, ok(jobx().get(J + "/task/" + project)).size());
    }

    @Test
    public void a7AKilledServerResumesTheTaskAtItsBatchWithoutSendingTheStepAgain() throws Exception {
        int fetches = FETCHES.get();
        String uuid = start("hang", null);
        Http.await("batch 1's step on the node", DEADLINE, () -> FETCHES.get() > fetches);
        server.kill9();
        server.start();
        Http.await("the jobs routes back", DEADLINE, () -> jobx().get(J + "/project").status() == 200);
        JsonNode first = awaitWaiting(uuid, 1);
        JsonNode log = ok(jobx().get(J + "/slave/any/log/" + first.get("uuid").asText()));
        assertEquals(log.toString(), 1, log.size());
        // "the server restarted during this step" or, killed before the request's id was written, "the server
        // stopped while this step was being sent": either way not sent again
        assertTrue(log.toString(), log.get(0).get("result").asText().contains("not sent again"));
        assertEquals(log.toString(), -124, log.get(0).get("code").asInt());
        assertEquals("running", task(uuid).get("status").asText());
        assertEquals("the step was not sent again", fetches + 1, FETCHES.get());
        // the second batch runs after the confirm: stop it there
        ok(jobx().send("PUT", J + "/subtask/" + project + "/" + first.get("uuid").asText() + "/confirm", null, null));
        // batch 2's fetch of the same md5 meets batch 1's, still hanging on the node: it may wait behind it or be
        // refused at once, so the batch is only known to have started
        Http.await("batch 2 started", DEADLINE, () -> !"init".equals(subtasks(uuid).get(1).get("status").asText()));
        jobx().send("DELETE", J + "/task/" + project + "/" + uuid, null, null);
        awaitStatus(uuid, "fail");
        assertEquals(1, ok(jobx().get(J + "/slave/any/log/" + first.get("uuid").asText())).size());
    }
}
