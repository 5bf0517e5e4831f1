package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Agents and ports (seed 000) on the server role: every route with the original's envelope, statuses and rules,
 * node reports posted by the test, a small HTTP stub standing in for the nodes' monitor API, bad input for each
 * route (nothing written), armada-ports stopped while agents keeps working, and the agent:/port: commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgentsIT extends ArmadaKarafTestSupport {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String V = "/v1.0";

    private HttpServer stub;
    private ExecutorService stubThreads;
    private final AtomicInteger stubCalls = new AtomicInteger();
    private volatile String stubToken;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void areasAreLive() throws IOException {
        awaitSettled();
        Http.await("the agents and ports routes", DEADLINE, () -> http().get(V + "/allagents").status() == 200
                && http().get("/openapi.json").body().contains("/v1.0/agent/{agent_id}/ports"));
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        stubThreads = Executors.newFixedThreadPool(2);
        stub.setExecutor(stubThreads);
        stub.createContext("/api/v1/monitor/resource", this::monitorResource);
        stub.start();
    }

    @After
    public void stopStub() {
        stub.stop(0);
        stubThreads.shutdownNow();
    }

    /** The node's monitor answering {@code resource}, as an Armada node does. */
    private void monitorResource(HttpExchange ex) throws IOException {
        stubCalls.incrementAndGet();
        stubToken = ex.getRequestHeaders().getFirst("X-Armada-Token");
        ex.getRequestBody().readAllBytes();
        byte[] body = ("{\"code\":0,\"msg\":\"成功\",\"data\":{\"cpu\":{\"numbers\":2,\"utilization\":3.5},"
                + "\"memory\":{\"total\":1073741824,\"available\":536870912,\"utilization\":50.0}}}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String resource(String uuid, String host, int port, String range) {
        return "{\"hostname\":\"" + host + "\",\"ip\":\"127.0.0.1\",\"utc\":" + now() + ",\"type\":\"resource\","
                + "\"node_uuid\":\"" + uuid + "\",\"port\":" + port + ",\"ports_range\":[\"" + range + "\"],"
                + "\"data\":{\"cpu\":{\"numbers\":4,\"utilization\":20.6},"
                + "\"memory\":{\"available\":4958343168,\"total\":8589934592,\"utilization\":30.6},"
                + "\"disk\":{\"/\":{\"type\":1,\"total\":10737418240,\"used\":1073741824,\"utilization\":10.0}},"
                + "\"diskio\":{\"sda\":{\"read_bytes\":1,\"write_bytes\":2}},"
                + "\"networkio\":{\"eth0\":{\"bytes_recv\":1,\"bytes_send\":2}}}}";
    }

    private static String service(String uuid, String host, int port) {
        return "{\"hostname\":\"" + host + "\",\"ip\":\"127.0.0.1\",\"utc\":" + now() + ",\"type\":\"service\","
                + "\"node_uuid\":\"" + uuid + "\",\"port\":" + port + ",\"data\":{\"httpd\":\"running\","
                + "\"mysqld\":\"not found\"}}";
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Posts a node's resource report (answering on the stub) and returns its agent id. */
    private long node(String uuid, String host) {
        Http.Answer a = http().post(V + "/reports", resource(uuid, host, stub.getAddress().getPort(), "30000-30100"));
        assertEquals(a.toString(), 200, a.status());
        return a.json().get("data").get(0).get("agent_id").asLong();
    }

    private Http.Answer send(String method, String path, String body) {
        return http().send(method, path, body, body == null ? null : "application/json");
    }

    private static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 0, j.get("resultcode").asInt());
        assertTrue(a.toString(), j.get("data").isArray());
        return j;
    }

    private static JsonNode first(Http.Answer a) {
        return ok(a).get("data").get(0);
    }

    /** The goperation error: HTTP status and {"msg": ...} containing {@code text}. */
    private static void error(Http.Answer a, int status, String text) {
        assertEquals(a.toString(), status, a.status());
        assertTrue(a.toString(), a.json().get("msg").asText().contains(text));
    }

    /** A business refusal: HTTP 200 with resultcode -1. */
    private static void refused(Http.Answer a, String text) {
        assertEquals(a.toString(), 200, a.status());
        assertEquals(a.toString(), -1, a.json().get("resultcode").asInt());
        assertTrue(a.toString(), a.json().get("result").asText().contains(text));
    }

    private int liveAgents() {
        return ok(http().get(V + "/allagents")).get("data").size();
    }

    private JsonNode awaitFinished(String requestId) {
        JsonNode[] last = new JsonNode[1];
        Http.await("async request " + requestId + " finished", DEADLINE, () -> {
            last[0] = first(send("GET", V + "/asyncrequests/" + requestId, "{\"agents\":true,\"details\":true}"));
            return last[0].get("status").asInt() == 1;
        });
        return last[0];
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void nodeReportsCreateAndRefreshAgents() {
        int before = liveAgents();
        long id = node("it-report-1", "it-report-host-1");
        JsonNode a = first(send("GET", V + "/agents/" + id, null));
        assertEquals("it-report-host-1", a.get("host").asText());
        assertEquals(0, a.get("status").asInt());
        assertEquals(4, a.get("cpu").asInt());
        assertEquals(8192, a.get("memory").asLong());
        assertEquals(10240, a.get("disk").asLong());
        assertEquals("30000-30100", a.get("ports_range").get(0).asText());
        assertTrue(a.get("online").asBoolean());
        assertEquals("resource", a.get("metadata").get("type").asText());
        assertEquals(20.6, a.get("metadata").get("data").get("cpu").get("utilization").asDouble(), 0.001);
        // a second report refreshes, never duplicates
        assertEquals(id, node("it-report-1", "it-report-host-1"));
        ok(http().post(V + "/reports", service("it-report-1", "it-report-host-1", stub.getAddress().getPort())));
        assertEquals("running", first(send("GET", V + "/agents/" + id, null)).get("services").get("httpd").asText());
        assertEquals(before + 1, liveAgents());

        // bad reports: the original's 400, nothing created
        String good = resource("it-report-2", "it-report-host-2", 50002, "30000-30100");
        error(http().post(V + "/reports", good.replace("\"node_uuid\":\"it-report-2\",", "")), 400, "node_uuid");
        error(http().post(V + "/reports", good.replace("\"resource\"", "\"disk\"")), 400, "'type'");
        error(http().post(V + "/reports", good.replace("30000-30100", "100-2000")), 400, "Port 1-1024 is not allowed");
        error(http().post(V + "/reports", good.replace("\"port\":50002", "\"port\":\"x\"")), 400, "'port'");
        error(http().post(V + "/reports", "{\"hostname\":"), 400, "");
        error(http().post(V + "/reports", "[1]"), 400, "");
        assertEquals(before + 1, liveAgents());
    }

    @Test
    public void agentLifecycleFollowsTheOriginal() {
        int before = liveAgents();
        // create (POST /agents), host unique among live agents
        JsonNode created = first(http().post(V + "/agents", "{\"host\":\"it-life-1\",\"agent_type\":\"application\","
                + "\"cpu\":2,\"memory\":2048,\"disk\":4096,\"ports_range\":[\"31000-31010\"],\"endpoints\":\"game,web\"}"));
        long id = created.get("agent_id").asLong();
        assertEquals(0, created.get("status").asInt());
        assertEquals(2, created.get("endpoints").size());
        refused(http().post(V + "/agents", "{\"host\":\"it-life-1\",\"agent_type\":\"application\",\"cpu\":1,"
                + "\"memory\":1,\"disk\":1}"), "Create agent fail,AgentHostExist");
        error(http().post(V + "/agents", "{\"host\":\"it-life-2\",\"agent_type\":\"a\",\"memory\":1,\"disk\":1}"), 400,
                "Can not find argument: cpu");
        error(http().post(V + "/agents", "{\"host\":\"bad host\",\"agent_type\":\"a\",\"cpu\":1,\"memory\":1,"
                + "\"disk\":1}"), 400, "hostname");
        error(http().post(V + "/agents", "{\"host\":\"it-life-2\",\"agent_type\":\"a\",\"cpu\":\"x\",\"memory\":1,"
                + "\"disk\":1}"), 400, "cpu");
        error(http().post(V + "/agents", "{\"host\":\"it-life-2\",\"agent_type\":\"a\",\"cpu\":1,\"memory\":1,"
                + "\"disk\":1,\"endpoints\":[\"agent\"]}"), 400, "reserved");
        assertEquals(before + 1, liveAgents());

        // index (with the .json suffix and a body on GET), allagents, show
        JsonNode page = ok(send("GET", V + "/agents.json", "{\"agent_type\":\"application\",\"order\":\"host\"}"));
        assertTrue(page.toString(), page.get("data").toString().contains("it-life-1"));
        ok(http().get(V + "/agents"));
        error(send("GET", V + "/agents", "{\"order\":\"nope\"}"), 400, "Cano not find column nope");
        error(send("GET", V + "/agents", "{\"page_num\":99}"), 400, "Page number over size");
        // review M6: page_num * 200 wrapped to a negative offset and answered 500
        error(send("GET", V + "/agents", "{\"page_num\":2147483647}"), 400, "page_num is too large");
        error(send("GET", V + "/asyncrequests", "{\"page_num\":2147483647}"), 400, "page_num is too large");
        assertTrue(ok(http().get(V + "/allagents.json")).get("data").toString().contains(Long.toString(id)));
        JsonNode shown = first(send("GET", V + "/agents/" + id, "{\"ports\":true,\"entitys\":true}"));
        assertTrue(shown.get("metadata").isNull());
        assertTrue(shown.get("endpoints").has("game"));
        error(send("GET", V + "/agents/all", null), 400, "Just for one agent");
        error(send("GET", V + "/agents/1,2", null), 400, "Just for one agent");
        // issue 10: an unknown id on a one-agent route is goperation's NoResultFound, 404
        error(send("GET", V + "/agents/999999", null), 404, "agents id [999999] can not be found");
        error(http().get(V + "/agent/999999/ports"), 404, "agents id [999999] can not be found");
        error(send("GET", V + "/agents/abc", null), 400, "not match regx");

        // edit (PATCH) and update (PUT, real here)
        first(send("PATCH", V + "/agents/" + id + "/edit", "{\"cpu\":8,\"agent_type\":\"game\"}"));
        assertEquals(8, first(send("GET", V + "/agents/" + id, null)).get("cpu").asInt());
        error(send("PATCH", V + "/agents/" + id + "/edit", "{}"), 400, "Not data exist");
        error(send("PATCH", V + "/agents/" + id + "/edit", "{\"nope\":1}"), 400, "can not be changed");
        JsonNode updated = ok(send("PUT", V + "/agents/" + id, "{\"memory\":4096}"));
        assertEquals(4096, updated.get("data").get(0).get("memory").asLong());
        error(send("PUT", V + "/agents/" + id + ",999999", "{\"memory\":1}"), 400, "can not be found");
        assertEquals(4096, first(send("GET", V + "/agents/" + id, null)).get("memory").asLong());

        // active needs an online agent: offline is 503; the report route puts it online
        error(send("PATCH", V + "/agents/" + id + "/active", "{\"status\":1}"), 503, "offline agent");
        error(send("PATCH", V + "/agents/" + id + "/active", "{\"status\":7}"), 400, "Argument status not right");
        error(http().post(V + "/agents/" + id + "/report", "{\"metadata\":{\"local_ip\":\"127.0.0.1\"}}"), 400,
                "expire");
        ok(http().post(V + "/agents/" + id + "/report", "{\"metadata\":{\"local_ip\":\"127.0.0.1\"},\"expire\":60}"));
        assertEquals(1, first(send("PATCH", V + "/agents/" + id + "/active", "{\"status\":1}")).get("status").asInt());
        assertEquals(0, first(send("PATCH", V + "/agents/" + id + "/active", "{\"status\":0}")).get("status").asInt());

        // upgrade is not offered by Armada nodes
        error(http().post(V + "/agents/" + id + "/upgrade", "{}"), 501, "Upgrade agent is not available");

        // delete, then clean
        error(http().post(V + "/agents/" + id + "/clean", null), 400, "agent is not deleted");
        JsonNode deleted = first(send("DELETE", V + "/agents/" + id, "{\"force\":false}"));
        assertEquals(-127, deleted.get("status").asInt());
        error(send("GET", V + "/agents/" + id, null), 404, "can not be found");
        assertTrue(ok(send("GET", V + "/agents", "{\"deleted\":true}")).get("data").toString()
                .contains("it-life-1"));
        error(send("DELETE", V + "/agents/" + id, null), 404, "can not be found");
        ok(http().post(V + "/agents/" + id + "/clean", null));
        error(http().post(V + "/agents/" + id + "/clean", null), 404, "not found");
        assertEquals(before, liveAgents());
    }

    @Test
    public void endpointsEntitiesAndPorts() {
        long id = node("it-ent-1", "it-ent-host-1");
        String agent = V + "/agent/" + id;
        // endpoints
        error(http().post(agent + "/endpoints", "{\"endpoints\":[\"status\"]}"), 400, "reserved");
        error(http().post(agent + "/endpoints", "{\"endpoints\":[\"ok1\",\"-bad\"]}"), 400, "not match regx");
        assertEquals(0, ok(http().get(agent + "/endpoints")).get("data").size());
        assertEquals("itgame", ok(http().post(agent + "/endpoints", "{\"endpoints\":\"ItGame\"}")).get("data").get(0)
                .asText());
        error(http().post(agent + "/endpoints", "{\"endpoints\":[\"itgame\"]}"), 400, "exists");
        error(send("POST", V + "/agent/all/endpoints", "{\"endpoints\":[\"x1\"]}"), 400, "Just for one agent");

        // entities need an active agent
        error(http().post(agent + "/endpoint/itgame/entitys", "{}"), 400, "agent status is not active");
        first(send("PATCH", V + "/agents/" + id + "/active", "{\"status\":1}"));
        JsonNode e1 = first(http().post(agent + "/endpoint/itgame/entitys", "{\"ports\":[30001,null],\"desc\":\"a\"}"));
        long n1 = e1.get("entity").asLong();
        assertEquals(30001, e1.get("port").get(0).asInt());
        int second = e1.get("port").get(1).asInt();
        assertTrue(second >= 30000 && second < 30100 && second != 30001);
        // bad ports: nothing written
        error(http().post(agent + "/endpoint/itgame/entitys", "{\"ports\":[30001]}"), 400,
                "Ports has been used count 1");
        error(http().post(agent + "/endpoint/itgame/entitys", "{\"ports\":[80]}"), 400, "Port 1-1024 is not allowed");
        error(http().post(agent + "/endpoint/itgame/entitys", "{\"ports\":[39000]}"), 400, "not in ports_range");
        error(http().post(agent + "/endpoint/itgame/entitys", "{\"ports\":[\"x\"]}"), 400, "ports");
        error(http().post(agent + "/endpoint/nogame/entitys", "{}"), 400, "has no endpoint nogame");
        assertEquals(1, ok(send("GET", agent + "/endpoint/itgame/entitys", "{\"ports\":true}")).get("data").size());
        assertEquals(2, ok(http().get(agent + "/ports")).get("data").size());

        // views of entities and endpoints
        JsonNode shown = first(send("GET", V + "/endpoint/itgame/entitys/" + n1, "{\"ports\":true}"));
        assertEquals(id, shown.get("agent_id").asLong());
        assertEquals(2, shown.get("ports").size());
        assertTrue(shown.get("metadata").isObject());
        error(send("GET", V + "/endpoint/itgame/entitys/999999", null), 404, "no entity found for itgame");
        error(send("GET", V + "/endpoint/itgame/entitys/x", null), 400, "not an entity number");
        JsonNode ep = first(http().get(agent + "/endpoints/itgame"));
        assertEquals(2, ep.get("entitys").get(0).get("ports").size());
        error(http().get(agent + "/endpoints/nothere"), 404, "not found");
        assertEquals(id, first(http().get(V + "/endpoints/itgame/agents")).get("agent_id").asLong());
        error(http().get(V + "/endpoints/nothere/agents"), 400, "No agent found for nothere");
        assertEquals(1, first(http().get(V + "/endpoints/itgame/count")).get("count").asInt());
        assertEquals(1, ok(http().get(V + "/endpoints/itgame/entitys")).get("data").size());
        JsonNode withPorts = first(send("GET", V + "/agents/" + id, "{\"ports\":true,\"entitys\":true}"));
        assertEquals(2, withPorts.get("endpoints").get("itgame").get(0).get("ports").size());

        // ports of the entity (armada-ports routes)
        String ports = agent + "/endpoint/itgame/entity/" + n1 + "/ports";
        assertEquals(2, ok(http().get(ports)).get("data").size());
        int extra = second == 30050 ? 30051 : 30050;
        JsonNode more = first(http().post(ports, "{\"ports\":[null," + extra + "]}"));
        assertEquals(extra, more.get("ports").get(1).asInt());
        error(http().post(ports, "{\"ports\":[" + extra + "]}"), 400, "Ports has been used count 1");
        error(http().post(ports, "{\"ports\":[1000]}"), 400, "Port 1-1024 is not allowed");
        error(http().post(ports, "{\"ports\":[]}"), 400, "Ports is None");
        error(http().post(agent + "/endpoint/itgame/entity/999999/ports", "{\"ports\":[null]}"), 404, "not found");
        error(http().post(V + "/agent/all/endpoint/itgame/entity/" + n1 + "/ports", "{\"ports\":[null]}"), 400,
                "Just for one agent");
        assertEquals(4, ok(http().get(ports)).get("data").size());
        // strict delete: a port the entity does not have refuses the whole delete
        error(send("DELETE", ports + "/" + extra + ",30100", null), 400, "Submit 2 ports, but only 1 ports found");
        assertEquals(4, ok(http().get(ports)).get("data").size());
        assertEquals(1, first(send("DELETE", ports + "/" + extra + ",30100", "{\"strict\":false}")).get("freed")
                .asInt());
        error(send("DELETE", ports + "/x", null), 400, "not int");
        assertEquals(3, ok(http().get(ports)).get("data").size());

        // an endpoint with entities is not deleted (resultcode -1); the entity goes with its ports
        refused(send("DELETE", agent + "/endpoints/itgame", null), "entitys still in endpoint");
        error(send("DELETE", V + "/agents/" + id, "{\"force\":true}"), 400, "entity not 0");
        ok(send("DELETE", V + "/endpoint/itgame/entitys/" + n1, null));
        assertEquals(0, ok(http().get(agent + "/ports")).get("data").size());
        error(send("DELETE", V + "/endpoint/itgame/entitys/" + n1, null), 404, "not found");
        ok(send("DELETE", agent + "/endpoints/itgame", null));
        assertEquals(0, ok(http().get(agent + "/endpoints")).get("data").size());
    }

    @Test
    public void statusFansOutToTheNodesAndAsyncRoutesWork() throws Exception {
        long a = node("it-status-1", "it-status-host-1");
        long b = node("it-status-2", "it-status-host-2");
        // a node whose port answers nothing: it gets the overtime answer at the deadline
        Http.Answer dead = http().post(V + "/reports", resource("it-status-3", "it-status-host-3", freePort(),
                "30000-30100"));
        long c = dead.json().get("data").get(0).get("agent_id").asLong();
        String ids = a + "," + b + "," + c;
        long t = now();
        JsonNode started = first(send("GET", V + "/agents/" + ids + "/status",
                "{\"request_time\":" + t + ",\"finishtime\":" + (t + 4) + ",\"deadline\":" + (t + 8) + ",\"expire\":0}"));
        String id = started.get("request_id").asText();
        assertEquals(36, id.length());
        assertEquals(0, started.get("status").asInt());
        assertEquals(-127, started.get("resultcode").asInt());
        JsonNode done = awaitFinished(id);
        assertEquals(1, done.get("resultcode").asInt());
        assertEquals("agents not respone, count:1", done.get("result").asText());
        JsonNode respones = done.get("respones");
        assertEquals(3, respones.size());
        for (JsonNode r : respones) {
            if (r.get("agent_id").asLong() == c) {
                assertEquals(-124, r.get("resultcode").asInt());
                assertEquals("Agent respone overtime", r.get("result").asText());
            } else {
                assertEquals(0, r.get("resultcode").asInt());
                assertEquals(2, r.get("details").get(0).get("result").get("cpu").get("numbers").asInt());
            }
        }
        assertTrue(stubCalls.get() >= 2);
        assertEquals("the server calls nodes with the fleet token", TOKEN, stubToken);
        assertEquals(0, first(send("GET", V + "/asyncrequests/" + id, "{\"agents\":false}")).get("respones").size());

        // bad status calls
        error(send("GET", V + "/agents/" + a + "/status", "{}"), 400, "Async request need argument request_time");
        error(send("GET", V + "/agents/" + a + "/status", "{\"request_time\":" + (t - 60) + "}"), 400,
                "The offset time between send and receive");
        error(send("GET", V + "/agents/" + a + "/status", "{\"request_time\":" + now() + ",\"finishtime\":" + now()
                + "}"), 400, "Job can not be finished in 3 second");
        error(send("GET", V + "/agents/" + a + ",999999/status", "{\"request_time\":" + now() + "}"), 400,
                "agents id [999999] can not be found");
        // status with the request time in the query string, for curl
        first(http().get(V + "/agents/" + a + "/status?request_time=" + now()));

        // agents post their own answers
        long t2 = now();
        String pending = first(send("GET", V + "/agents/" + c + "/status", "{\"request_time\":" + t2
                + ",\"finishtime\":" + (t2 + 600) + ",\"deadline\":" + (t2 + 1200) + ",\"expire\":0}"))
                .get("request_id").asText();
        String response = V + "/asyncrequests/" + pending + "/response";
        error(http().post(response, "{\"agent_time\":1,\"resultcode\":0}"), 400, "agent_id");
        error(http().post(response, "{\"agent_id\":" + c + ",\"agent_time\":1,\"resultcode\":500}"), 400,
                "resultcode");
        error(http().post(response, "{\"agent_id\":" + a + ",\"agent_time\":1,\"resultcode\":0}"), 400,
                "not a target");
        error(http().post(V + "/asyncrequests/nope/response", "{\"agent_id\":1,\"agent_time\":1,\"resultcode\":0}"),
                400, "Request id is not uuid like");
        ok(http().post(response, "{\"agent_id\":" + c + ",\"agent_time\":" + t2 + ",\"resultcode\":0,\"result\":\"hi\","
                + "\"details\":[{\"detail_id\":0,\"resultcode\":0,\"result\":{\"k\":\"v\"}}]}"));
        refused(http().post(response, "{\"agent_id\":" + c + ",\"agent_time\":" + t2 + ",\"resultcode\":0}"),
                "another agent with same agent_id");
        JsonNode answered = awaitFinished(pending);
        assertEquals(0, answered.get("resultcode").asInt());
        assertEquals("hi", answered.get("respones").get(0).get("result").asText());
        assertEquals("v", answered.get("respones").get(0).get("details").get(0).get("result").get("k").asText());

        // update (moves the window) and overtime (finishes now)
        long t3 = now();
        String third = first(send("GET", V + "/agents/" + c + "/status", "{\"request_time\":" + t3
                + ",\"finishtime\":" + (t3 + 60) + ",\"deadline\":" + (t3 + 120) + "}")).get("request_id").asText();
        JsonNode moved = first(send("PUT", V + "/asyncrequests/" + third, "{\"request_time\":" + now()
                + ",\"finishtime\":" + (t3 + 300) + ",\"deadline\":" + (t3 + 400) + "}"));
        assertEquals(t3 + 399, moved.get("deadline").asLong(), 1);
        error(send("PUT", V + "/asyncrequests/" + third + "/overtime", "{\"agent_time\":1}"), 400, "agents");
        ok(send("PUT", V + "/asyncrequests/" + third + "/overtime", "{\"agent_time\":" + now() + ",\"agents\":[" + c
                + "]}"));
        JsonNode over = first(send("GET", V + "/asyncrequests/" + third, null));
        assertEquals(1, over.get("status").asInt());
        assertTrue(over.get("result").asText().endsWith(",Data in cache,May miss some respone"));
        error(send("PUT", V + "/asyncrequests/" + third + "/overtime", "{\"agent_time\":1,\"agents\":[" + c + "]}"),
                400, "Async request has been finished");
        error(send("PUT", V + "/asyncrequests/" + third, "{\"request_time\":" + now() + "}"), 400,
                "Async request has been finished");

        // the list
        JsonNode all = ok(send("GET", V + "/asyncrequests", "{\"status\":1,\"order\":\"request_time\",\"desc\":true}"));
        assertTrue(all.get("total").asInt() >= 3);
        assertTrue(all.get("data").get(0).has("request_id"));
        ok(send("GET", V + "/asyncrequests", "{\"start\":\"2020-01-01T00:00:00Z\",\"end\":" + (now() + 10) + "}"));
        error(send("GET", V + "/asyncrequests", "{\"status\":3}"), 400, "status");
        error(send("GET", V + "/asyncrequests", "{\"order\":\"nope\"}"), 400, "Cano not find column nope");
        error(send("GET", V + "/asyncrequests", "{\"start\":\"yesterday\"}"), 400, "start");
        error(send("GET", V + "/asyncrequests/not-a-uuid", null), 400, "Request id is not uuid like");
        error(send("GET", V + "/asyncrequests/00000000-0000-0000-0000-000000000000", null), 404, "not found");
    }

    @Test
    public void cachesRoutes() {
        long id = node("it-cache-1", "it-cache-host-1");
        assertTrue(first(send("GET", V + "/agents/" + id, null)).get("online").asBoolean());
        ok(http().post(V + "/caches/flush", "{}"));
        assertTrue("flush without online keeps the online state",
                first(send("GET", V + "/agents/" + id, null)).get("online").asBoolean());
        ok(http().post(V + "/caches/flush", "{\"online\":true}"));
        JsonNode offline = first(send("GET", V + "/agents/" + id, null));
        assertFalse(offline.get("online").asBoolean());
        assertTrue(offline.get("metadata").isNull());
        node("it-cache-1", "it-cache-host-1");
        assertTrue(first(send("GET", V + "/agents/" + id, null)).get("online").asBoolean());

        JsonNode online = first(http().post(V + "/caches/host/it-cache-host-1/online",
                "{\"agent_type\":\"node\",\"metadata\":{\"local_ip\":\"127.0.0.1\"},\"expire\":30}"));
        assertEquals(id, online.get("agent_id").asLong());
        assertTrue(first(http().post(V + "/caches/host/nobody-here/online",
                "{\"agent_type\":\"node\",\"metadata\":{},\"expire\":30}")).get("agent_id").isNull());
        error(http().post(V + "/caches/host/it-cache-host-1/online", "{\"agent_type\":\"node\",\"expire\":30}"), 400,
                "metadata");
    }

    @Test
    public void withPortsStoppedAgentsKeepsWorking() throws Exception {
        long id = node("it-noports-1", "it-noports-host-1");
        String agent = V + "/agent/" + id;
        ok(http().post(agent + "/endpoints", "{\"endpoints\":[\"np\"]}"));
        first(send("PATCH", V + "/agents/" + id + "/active", "{\"status\":1}"));
        long n = first(http().post(agent + "/endpoint/np/entitys", "{\"ports\":[null]}")).get("entity").asLong();

        Bundle ports = bundle("armada-ports");
        assertNotNull(ports);
        ports.stop();
        try {
            Http.await("the ports routes gone", DEADLINE, () -> http().get(agent + "/ports").status() == 404);
            error(http().post(agent + "/endpoint/np/entitys", "{\"ports\":[null]}"), 503,
                    "port allocation is not available: armada-ports is not running");
            error(send("DELETE", V + "/endpoint/np/entitys/" + n, null), 503, "armada-ports is not running");
            error(send("GET", V + "/agents/" + id, "{\"ports\":true,\"entitys\":true}"), 503, "armada-ports");
            // what does not need ports keeps working
            JsonNode noPorts = first(http().post(agent + "/endpoint/np/entitys", "{}"));
            assertEquals(n + 1, noPorts.get("entity").asLong());
            ok(send("GET", V + "/agents/" + id, "{\"entitys\":true}"));
            node("it-noports-1", "it-noports-host-1");
            ok(http().get(V + "/agents"));
            ok(send("GET", agent + "/endpoint/np/entitys", null));
            first(send("GET", V + "/endpoint/np/entitys/" + n, null));
            assertTrue(http().get("/health").body().contains("agents"));
            assertFalse(http().get("/health").body().contains("ports"));
        } finally {
            ports.start();
        }
        Http.await("the ports routes back", DEADLINE, () -> http().get(agent + "/ports").status() == 200);
        assertEquals(1, ok(http().get(agent + "/ports")).get("data").size());
        ok(send("DELETE", V + "/endpoint/np/entitys/" + n, null));
        ok(send("DELETE", V + "/endpoint/np/entitys/" + (n + 1), null));
        assertEquals(0, ok(http().get(agent + "/ports")).get("data").size());
    }

    /**
     * Issue 11: agents picks up armada-ports when it is installed after agents resolved, with no refresh of agents
     * (the ports' package is imported dynamically, as block lists import the counters).
     */
    @Test
    public void portsInstalledLaterAreUsedWithoutARefreshOfAgents() throws Exception {
        Bundle ports = bundle("armada-ports");
        assertNotNull(ports);
        String location = ports.getLocation();
        ports.uninstall();
        refreshRemovalPending();
        Http.await("the agents routes after the refresh", DEADLINE, () -> http().get(V + "/allagents").status() == 200);
        long id = node("it-later-1", "it-later-host-1");
        String agent = V + "/agent/" + id;
        ok(http().post(agent + "/endpoints", "{\"endpoints\":[\"lt\"]}"));
        first(send("PATCH", V + "/agents/" + id + "/active", "{\"status\":1}"));
        error(http().post(agent + "/endpoint/lt/entitys", "{\"ports\":[null]}"), 503, "armada-ports is not running");
        Bundle agents = bundle("armada-agents");
        Object agentsWiring = agents.adapt(org.osgi.framework.wiring.BundleWiring.class);

        Bundle again = bundleContext.installBundle(location);
        again.start();
        Http.await("the ports routes after install", DEADLINE, () -> http().get(agent + "/ports").status() == 200);
        Http.await("agents allocating through the new ports bundle", DEADLINE,
                () -> http().post(agent + "/endpoint/lt/entitys", "{\"ports\":[null]}").status() == 200);
        assertEquals(1, ok(http().get(agent + "/ports")).get("data").size());
        assertEquals(Bundle.ACTIVE, agents.getState());
        assertTrue("agents was not refreshed (same wiring)",
                agentsWiring == agents.adapt(org.osgi.framework.wiring.BundleWiring.class));
    }

    /** What bundle:refresh does after an uninstall: rewire the removal-pending bundle's dependents. */
    private void refreshRemovalPending() throws InterruptedException {
        org.osgi.framework.wiring.FrameworkWiring wiring = bundleContext.getBundle(0)
                .adapt(org.osgi.framework.wiring.FrameworkWiring.class);
        java.util.concurrent.CountDownLatch refreshed = new java.util.concurrent.CountDownLatch(1);
        wiring.refreshBundles(null, event -> {
            if (event.getType() == org.osgi.framework.FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh in time", refreshed.await(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    public void shellCommands() throws Exception {
        long id = node("it-shell-1", "it-shell-host-1");
        String list = shell("agent:list");
        assertTrue(list, list.contains("it-shell-host-1"));
        String show = shell("agent:show " + id);
        assertTrue(show, show.contains("it-shell-host-1") && show.contains("30000-30100"));
        assertTrue(shell("agent:activate " + id).contains("active"));
        ok(http().post(V + "/agent/" + id + "/endpoints", "{\"endpoints\":[\"sh\"]}"));
        long n = first(http().post(V + "/agent/" + id + "/endpoint/sh/entitys", "{}")).get("entity").asLong();
        String allocated = shell("port:allocate " + id + " sh " + n + " any 30070");
        assertTrue(allocated, allocated.contains("30070"));
        String ports = shell("port:list " + id);
        assertTrue(ports, ports.contains("30070") && ports.contains("sh"));
        assertTrue(shell("port:free " + id + " sh " + n + " 30070").contains("Freed 1"));
        assertTrue(shell("port:free --all " + id + " sh " + n).contains("Freed 1"));
        ok(send("DELETE", V + "/endpoint/sh/entitys/" + n, null));
        long t = now();
        String requestId = first(send("GET", V + "/agents/" + id + "/status", "{\"request_time\":" + t + "}"))
                .get("request_id").asText();
        assertTrue(shell("agent:requests").contains(requestId));
        awaitFinished(requestId);
        String request = shell("agent:request " + requestId);
        assertTrue(request, request.contains("finished") && request.contains(Long.toString(id)));
        assertTrue(shell("agent:delete --force " + id).contains("deleted"));
        assertTrue(shell("agent:list --deleted").contains("it-shell-host-1"));
        List<String> failures = new ArrayList<>();
        for (String bad : new String[] {"agent:show 999999", "agent:activate 999999", "port:allocate " + id
            + " sh 1 80"}) {
            try {
                shell(bad);
                failures.add(bad);
            } catch (Exception expected) {
                // the command refused
            }
        }
        assertTrue("commands that should fail: " + failures, failures.isEmpty());
    }
}
