package io.armada.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Files delivered to a real node (SPEC §10.1, §10.2): a server and a node instance unpacked from the archive, the node
 * reporting to the server. A file uploaded to the server is sent to the node's agent (the node fetches it from the
 * server's download route with the token and checks its md5), shows in the node's list answer and on its disk, and is
 * cleaned away; a record whose md5 does not match its bytes fails the agent's answer and leaves nothing on the node;
 * bad input per route is a 400 that starts nothing; without the agents area the per-agent routes answer 503 while the
 * records keep working.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class FilesNodeIT {
    private static final String TOKEN = "files-node-it-fleet-token-0123456789abcdef";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Instance server;
    private static Instance node;
    private static long agentId;

    @BeforeClass
    public static void startBoth() throws Exception {
        Path work = Path.of(System.getProperty("armada.itest.work", "target/it"));
        server = Instance.unpack(work, "files-server").env("ARMADA_TOKEN", TOKEN);
        server.start();
        node = Instance.unpack(work, "files-node").env("ARMADA_ROLE", "node").env("ARMADA_TOKEN", TOKEN)
                .env("ARMADA_SERVER_URL", "http://127.0.0.1:" + server.httpPort);
        node.start();
        Http.await("the node's agent", Duration.ofSeconds(120), () -> {
            JsonNode agents = http().get("/v1.0/agents").json().get("data");
            if (agents != null && agents.size() > 0) {
                agentId = agents.get(0).get("agent_id").asLong();
                return true;
            }
            return false;
        });
    }

    @AfterClass
    public static void stopBoth() throws Exception {
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

    private static Path nodeFiles() {
        return node.home.resolve("data/files");
    }

    private static List<String> onNode() throws IOException {
        if (!Files.isDirectory(nodeFiles())) {
            return List.of();
        }
        try (var s = Files.list(nodeFiles())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String window() {
        long t = now();
        return "{\"request_time\":" + t + ",\"finishtime\":" + (t + 30) + ",\"deadline\":" + (t + 40) + "}";
    }

    /** Uploads bytes as multipart (part {@code file}); the record. */
    private static JsonNode upload(byte[] bytes, String fileName) throws Exception {
        String boundary = "files-node-it-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort + "/v1.0/files"))
                .timeout(Duration.ofSeconds(60)).header("X-Armada-Token", TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> a = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(a.body(), 200, a.statusCode());
        return new Http.Answer(a.statusCode(), a.body()).json().get("data").get(0);
    }

    /** Starts a per-agent request; its id. */
    private static String start(String method, String path, String body) {
        Http.Answer a = http().send(method, path, body, "application/json");
        assertEquals(a.toString(), 200, a.status());
        JsonNode row = a.json().get("data").get(0);
        assertEquals(a.toString(), 0, row.get("status").asInt());
        return row.get("request_id").asText();
    }

    /** Waits until the request finished; the request with its answers and their details. */
    private static JsonNode finished(String requestId) {
        JsonNode[] last = new JsonNode[1];
        Http.await("request " + requestId + " to finish", Duration.ofSeconds(90), () -> {
            last[0] = http().send("GET", "/v1.0/asyncrequests/" + requestId, "{\"agents\":true,\"details\":true}",
                    "application/json").json().get("data").get(0);
            return last[0].get("status").asInt() == 1;
        }, () -> ": " + last[0]);
        return last[0];
    }

    /** The one agent's answer of a finished request. */
    private static JsonNode answer(JsonNode request) {
        JsonNode respones = request.get("respones");
        assertEquals(request.toString(), 1, respones.size());
        assertEquals(request.toString(), agentId, respones.get(0).get("agent_id").asLong());
        return respones.get(0);
    }

    private static void badRequest(Http.Answer a, String fragment) {
        assertEquals(a.toString(), 400, a.status());
        String msg = a.json().get("msg").asText();
        assertTrue(a + " does not say " + fragment, msg.contains(fragment));
    }

    private static long requests() {
        return http().get("/v1.0/asyncrequests").json().get("total").asLong();
    }

    @Test
    public void aSendListCleanOnARealNode() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(12).nextBytes(bytes);
        String md5 = md5(bytes);
        JsonNode record = upload(bytes, "payload.bin");
        assertEquals(md5, record.get("md5").asText());

        // send: the node fetches the file from the server's download route, with the token
        JsonNode sent = finished(start("PUT", "/v1.0/agents/" + agentId + "/files/" + md5, window()));
        assertEquals(sent.toString(), 0, sent.get("resultcode").asInt());
        JsonNode a = answer(sent);
        assertEquals(sent.toString(), 0, a.get("resultcode").asInt());
        JsonNode detail = a.get("details").get(0).get("result");
        Path file = nodeFiles().resolve(md5 + ".bin");
        assertEquals(sent.toString(), file.toString(), detail.get("path").asText());
        assertEquals(bytes.length, detail.get("size").asLong());
        assertArrayEquals("the bytes on the node's disk", bytes, Files.readAllBytes(file));
        assertEquals(List.of(md5 + ".bin"), onNode());

        // list: the node names it
        JsonNode listed = finished(start("POST", "/v1.0/agents/" + agentId + "/files", window()));
        JsonNode files = answer(listed).get("details").get(0).get("result").get("files");
        assertEquals(listed.toString(), 1, files.size());
        assertEquals(md5, files.get(0).get("md5").asText());
        assertEquals(bytes.length, files.get(0).get("size").asLong());
        assertEquals(file.toString(), files.get(0).get("path").asText());

        // clean: gone from the node, and from its list
        JsonNode cleaned = finished(start("DELETE", "/v1.0/agents/" + agentId + "/files/" + md5, window()));
        assertEquals(cleaned.toString(), 0, answer(cleaned).get("resultcode").asInt());
        assertEquals(List.of(), onNode());
        JsonNode empty = finished(start("POST", "/v1.0/agents/" + agentId + "/files", window()));
        assertEquals(0, answer(empty).get("details").get(0).get("result").get("files").size());
        // the server still has the file and its record
        assertEquals(0, http().get("/v1.0/files/" + md5).json().get("resultcode").asInt());
    }

    @Test
    public void bRecordWhoseMd5DoesNotMatchItsBytesFailsTheAgentAndLeavesNothing() throws Exception {
        byte[] bytes = new byte[256 * 1024];
        new Random(13).nextBytes(bytes);
        String real = md5(bytes);
        JsonNode uploaded = upload(bytes, "real.dat");
        byte[] other = bytes.clone();
        other[0] ^= 1;
        String wrong = md5(other);
        // a record that claims the md5 of other bytes at the address of these
        Http.Answer created = http().post("/v1.0/files", "{\"md5\":\"" + wrong + "\",\"address\":\""
                + uploaded.get("address").asText() + "\",\"size\":" + bytes.length + ",\"ext\":\"dat\"}");
        assertEquals(created.toString(), 0, created.json().get("resultcode").asInt());
        List<String> before = onNode();
        JsonNode sent = finished(start("PUT", "/v1.0/agents/" + agentId + "/files/" + wrong, window()));
        JsonNode a = answer(sent);
        assertEquals(sent.toString(), -1, a.get("resultcode").asInt());
        assertTrue(sent.toString(), a.get("result").asText().contains("md5 of the fetched bytes is " + real));
        assertEquals("nothing kept on the node, not even a partial file", before, onNode());
    }

    @Test
    public void cBadInputPerRouteIs400AndStartsNothing() throws Exception {
        byte[] bytes = "small file".getBytes(StandardCharsets.UTF_8);
        String md5 = md5(bytes);
        upload(bytes, "small.txt");
        long requests = requests();
        List<String> before = onNode();
        String agent = "/v1.0/agents/" + agentId + "/files";
        long t = now();
        // send
        badRequest(http().send("PUT", agent + "/" + md5, "{}", "application/json"), "request_time");
        badRequest(http().send("PUT", agent + "/" + md5, "{\"request_time\":" + (t - 100) + "}", "application/json"),
                "");
        badRequest(http().send("PUT", agent + "/" + md5, "{\"request_time\":{\"a\":1}}", "application/json"), "");
        badRequest(http().send("PUT", agent + "/" + md5, "{\"request_time\":\"soon\"}", "application/json"), "");
        badRequest(http().send("PUT", agent + "/" + md5, "{\"request_time\":", "application/json"), "");
        badRequest(http().send("PUT", agent + "/not-an-md5", window(), "application/json"), "md5");
        badRequest(http().send("PUT", "/v1.0/agents/x-y/files/" + md5, window(), "application/json"), "");
        badRequest(http().send("PUT", agent + "/" + md5, "{\"request_time\":" + t + ",\"finishtime\":" + (t + 1) + "}",
                "application/json"), "");
        // list
        badRequest(http().send("POST", agent, "{}", "application/json"), "request_time");
        badRequest(http().send("POST", agent, "{\"request_time\":" + t + ",\"expire\":-1}", "application/json"), "");
        badRequest(http().send("POST", "/v1.0/agents/abc/files", window(), "application/json"), "");
        // clean
        badRequest(http().send("DELETE", agent + "/" + md5, "{}", "application/json"), "request_time");
        badRequest(http().send("DELETE", agent + "/0123", window(), "application/json"), "md5");
        badRequest(http().send("DELETE", agent + "/" + md5 + "?request_time=x", null, null), "request_time");
        assertEquals("no async request was recorded", requests, requests());
        assertEquals(before, onNode());
        // an md5 without a record cannot be sent (NoResultFound: 404)
        assertEquals(404, http().send("PUT", agent + "/" + "f".repeat(32), window(), "application/json").status());
        assertEquals(requests, requests());
    }

    @Test
    public void cShellSendsAFileToAnAgent() throws Exception {
        byte[] bytes = "sent from the shell".getBytes(StandardCharsets.UTF_8);
        String md5 = md5(bytes);
        upload(bytes, "shell.txt");
        Instance.Result r = server.shell("file:send --finish 30 --deadline 40 " + md5 + " " + agentId);
        assertEquals(r.output(), 0, r.exit());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("request ([0-9a-f-]{36}) started").matcher(r.output());
        assertTrue(r.output(), m.find());
        JsonNode sent = finished(m.group(1));
        assertEquals(sent.toString(), 0, answer(sent).get("resultcode").asInt());
        assertArrayEquals(bytes, Files.readAllBytes(nodeFiles().resolve(md5 + ".txt")));
        JsonNode cleaned = finished(start("DELETE", "/v1.0/agents/" + agentId + "/files/" + md5, window()));
        assertEquals(cleaned.toString(), 0, answer(cleaned).get("resultcode").asInt());
        assertFalse(Files.exists(nodeFiles().resolve(md5 + ".txt")));
    }

    @Test
    public void dWithoutTheAgentsAreaThePerAgentRoutesAre503AndRecordsWork() throws Exception {
        byte[] bytes = "kept without agents".getBytes(StandardCharsets.UTF_8);
        String md5 = md5(bytes);
        upload(bytes, "k.txt");
        Instance.Result stop = server.shell("bundle:stop armada-agents");
        assertEquals(stop.output(), 0, stop.exit());
        try {
            List<Http.Answer> answers = new ArrayList<>();
            Http.await("the per-agent routes to answer 503", Duration.ofSeconds(60), () -> {
                Http.Answer a = http().send("PUT", "/v1.0/agents/1/files/" + md5, window(), "application/json");
                answers.add(a);
                return a.status() == 503;
            }, () -> ": " + answers.get(answers.size() - 1));
            Http.Answer a = http().send("POST", "/v1.0/agents/1/files", window(), "application/json");
            assertEquals(a.toString(), 503, a.status());
            assertTrue(a.toString(), a.json().get("msg").asText().contains("armada-agents"));
            assertEquals(0, http().get("/v1.0/files/" + md5).json().get("resultcode").asInt());
            assertTrue(http().get("/v1.0/files").json().get("total").asLong() > 0);
        } finally {
            Instance.Result started = server.shell("bundle:start armada-agents");
            assertEquals(started.output(), 0, started.exit());
        }
        // back: the routes work again with no refresh of the files bundle
        Http.await("the per-agent routes to work again", Duration.ofSeconds(60),
                () -> http().send("POST", "/v1.0/agents/" + agentId + "/files", window(), "application/json")
                        .status() == 200);
        assertFalse(onNode().stream().anyMatch(n -> n.startsWith(".fetch-")));
    }
}
