package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tars part 2 on real instances (SPEC §10.4): a server and a node unpacked from the archive, the node reporting to
 * the server and installed as a tars node, and a real package (a tgz whose bin/start.sh leaves a daemon). A package
 * with a wrong md5 is refused and nothing is listed; {@code patch_tars} then {@code restart} runs the new version on
 * the node and {@code get_realtime_state} says active from the node's report; {@code send_command} answers the
 * command's output; {@code push_config_file} writes the merged config on the node's disk; {@code stop} leaves no
 * process and the state says inactive; bad input per route is ret_code 500 and writes nothing.
 */
public class TarsExecIT {
    private static final String TOKEN = "tars-exec-it-fleet-token-0123456789abcdef";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static Instance server;
    private static Instance node;
    private static Path work;
    private static String ip;
    private static final List<Long> SEEN_PIDS = new ArrayList<>();
    /** The file that lets the packages' `command.sh hold` end. */
    private static Path RELEASE;

    @BeforeClass
    public static void startBoth() throws Exception {
        work = Path.of(System.getProperty("armada.itest.work", "target/it")).toAbsolutePath();
        RELEASE = work.resolve("tars-exec-release");
        Files.deleteIfExists(RELEASE);
        server = Instance.unpack(work, "tars-exec-server").env("ARMADA_TOKEN", TOKEN);
        server.start();
        node = Instance.unpack(work, "tars-exec-node").env("ARMADA_ROLE", "node").env("ARMADA_TOKEN", TOKEN)
                .env("ARMADA_SERVER_URL", "http://127.0.0.1:" + server.httpPort);
        node.start();
        long[] agent = new long[1];
        Http.await("the node's agent", DEADLINE, () -> {
            JsonNode agents = http().get("/v1.0/agents").json().get("data");
            if (agents != null && agents.size() > 0) {
                agent[0] = agents.get(0).get("agent_id").asLong();
                return true;
            }
            return false;
        });
        Http.await("the node's address", DEADLINE, () -> {
            JsonNode a = http().get("/v1.0/agents/" + agent[0]).json().get("data").get(0);
            ip = a.path("ip").asText("");
            return !ip.isEmpty() && !ip.equals("null");
        });
        Http.Answer active = http().send("PATCH", "/v1.0/agents/" + agent[0] + "/active", "{\"status\":1}",
                "application/json");
        assertEquals(active.toString(), 200, active.status());
        JsonNode installed = ok(http().get("/api/install_tars_node?ips=" + ip)).get(0);
        assertTrue(installed.toString(), installed.get("rst").asBoolean());
    }

    @AfterClass
    public static void stopBoth() throws Exception {
        try {
            for (Instance i : new Instance[] {node, server}) {
                if (i != null && i.running()) {
                    try {
                        i.stop();
                    } catch (Exception | AssertionError e) {
                        i.kill9();
                    }
                }
            }
        } finally {
            for (long pid : SEEN_PIDS) { // never leave a daemon of ours behind
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static Http http() {
        return server.http(TOKEN);
    }

    static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 200, j.get("ret_code").asInt());
        return j.get("data");
    }

    static String refused(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 500, j.get("ret_code").asInt());
        return j.get("err_msg").asText();
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A package: bin/start.sh leaves `sleep` running and exits; command.sh echoes its arguments and the config. */
    private static byte[] pkg(String version) throws Exception {
        Path dir = work.resolve("tars-exec-pkg-" + version);
        Instance.deleteTree(dir);
        Files.createDirectories(dir.resolve("bin"));
        script(dir.resolve("bin/start.sh"), "nohup sleep 1000 >/dev/null 2>&1 &\necho started " + version);
        script(dir.resolve("bin/stop.sh"), "echo stopping " + version);
        // `hold` waits until the test releases it (a file), so the test sees calls the node is still working on
        script(dir.resolve("bin/command.sh"), "if [ \"$1\" = hold ]; then while [ ! -e '" + RELEASE + "' ]; do"
                + " sleep 0.1; done; fi\necho \"command $* " + version + "\"\ncat app.conf 2>/dev/null\ntrue");
        Files.writeString(dir.resolve("VERSION"), version);
        Path out = work.resolve("tars-exec-" + version + ".tgz");
        Instance.Result r = Instance.run(dir, List.of("tar", "-czf", out.toString(), "."), Map.of(),
                Duration.ofSeconds(30));
        assertEquals(r.output(), 0, r.exit());
        return Files.readAllBytes(out);
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** upload_patch_package as multipart: the fields, then the package in the part suse. */
    private static Http.Answer upload(String route, Map<String, String> fields, byte[] bytes) throws Exception {
        String boundary = "tars-exec-it-" + System.nanoTime();
        StringBuilder head = new StringBuilder();
        fields.forEach((k, v) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"suse\";"
                + " filename=\"p.tgz\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[h.length + bytes.length + tail.length];
        System.arraycopy(h, 0, body, 0, h.length);
        System.arraycopy(bytes, 0, body, h.length, bytes.length);
        System.arraycopy(tail, 0, body, h.length + bytes.length, tail.length);
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort + "/api/" + route))
                .timeout(Duration.ofSeconds(120)).header("X-Armada-Token", TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> a = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
        return new Http.Answer(a.statusCode(), a.body());
    }

    /** Waits until a task has ended; the task. */
    private static JsonNode ended(String taskNo) {
        JsonNode[] last = new JsonNode[1];
        Http.await("task " + taskNo, DEADLINE, () -> {
            last[0] = ok(http().get("/api/task?task_no=" + taskNo));
            return last[0].get("status").asInt() >= 2;
        }, () -> ": " + last[0]);
        return last[0];
    }

    private static String task(boolean serial, long serverId, String... commands) {
        StringBuilder items = new StringBuilder();
        for (String c : commands) {
            String[] parts = c.split(":");
            items.append(items.length() == 0 ? "" : ",").append("{\"server_id\":").append(serverId)
                    .append(",\"command\":\"").append(parts[0]).append("\",\"parameters\":")
                    .append(parts.length > 1 ? "{\"patch_id\":\"" + parts[1] + "\",\"bak_flag\":false}" : "{}")
                    .append('}');
        }
        return ok(http().post("/api/add_task", "{\"serial\":" + serial + ",\"items\":[" + items + "]}")).asText();
    }

    private static List<Long> pids() throws Exception {
        return pids("Echo");
    }

    private static List<Long> pids(String serverName) throws Exception {
        JsonNode status = node.http(TOKEN).post("/api/v1/monitor/task", "{\"handler\":\"ServerHandler\","
                + "\"command\":\"status\",\"data\":{\"app\":\"Demo\",\"server\":\"" + serverName + "\"}}")
                .json();
        List<Long> out = new ArrayList<>();
        status.path("data").path("pids").forEach(p -> out.add(p.asLong()));
        synchronized (SEEN_PIDS) {
            SEEN_PIDS.addAll(out);
        }
        return out;
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception gone) {
            return false;
        }
    }

    private static String state(long id) {
        return ok(http().get("/api/get_realtime_state?id=" + id)).get("realtime_state").asText();
    }

    @Test
    public void aPackageIsPatchedStartedCommandedConfiguredAndStoppedOnARealNode() throws Exception {
        JsonNode deployed = ok(http().post("/api/deploy_server", "{\"application\":\"Demo\",\"server_name\":\"Echo\","
                + "\"node_name\":\"" + ip + "\",\"template_name\":\"tars.default\",\"enable_set\":false,\"adapters\":"
                + "[{\"obj_name\":\"EchoObj\",\"bind_ip\":\"" + ip + "\",\"port\":10001,\"port_type\":\"tcp\"}]}"));
        long id = deployed.get("server_conf").get(0).get("id").asLong();

        // a wrong md5: refused, nothing listed
        byte[] v1 = pkg("v1");
        String why = refused(upload("upload_patch_package", Map.of("application", "Demo", "module_name", "Echo",
                "comment", "first", "md5", "0".repeat(32)), v1));
        assertTrue(why, why.contains("#patch.md5#"));
        assertEquals(0, ok(http().get("/api/server_patch_list?application=Demo&module_name=Echo")).get("count")
                .asInt());
        JsonNode up = ok(upload("upload_patch_package", Map.of("application", "Demo", "module_name", "Echo",
                "comment", "first", "md5", md5(v1)), v1));
        long patchId = up.get("id").asLong();
        assertEquals("Demo.Echo", up.get("server").asText());
        JsonNode list = ok(http().get("/api/server_patch_list?application=Demo&module_name=Echo&curr_page=1"
                + "&page_size=10"));
        assertEquals(1, list.get("count").asInt());
        assertEquals(1, list.get("rows").get(0).get("default_version").asInt());
        // the download route needs the token
        assertEquals(500, server.http(null).get("/api/download_package?id=" + patchId).json().get("ret_code").asInt());

        // patch_tars then restart, serially
        String no = task(true, id, "patch_tars:" + patchId, "restart");
        assertTrue(no, no.matches("[0-9a-f]{32}"));
        JsonNode t = ended(no);
        assertEquals(t.toString(), 2, t.get("status").asInt());
        assertEquals(2, t.get("items").size());
        for (JsonNode item : t.get("items")) {
            assertEquals(item.toString(), 2, item.get("status").asInt());
            assertEquals(100, item.get("percent").asInt());
        }
        Path home = node.home.resolve("data/servers/Demo.Echo");
        assertEquals("v1", Files.readString(home.resolve("versions/1/VERSION")));
        List<Long> pids = pids();
        assertFalse(pids.isEmpty());
        Http.await("the node's report to say active", DEADLINE, () -> state(id).equals("active"));
        JsonNode row = ok(http().get("/api/server?id=" + id));
        assertEquals(Long.toString(patchId), row.get("patch_version").asText());
        assertEquals("active", row.get("setting_state").asText());
        Http.await("present_state from the report", DEADLINE,
                () -> ok(http().get("/api/server?id=" + id)).get("present_state").asText().equals("active"));

        // send_command: the command's output per target
        JsonNode sent = ok(http().get("/api/send_command?server_ids=" + id + "&command="
                + URLEncoder.encode("tars.viewstatus now", StandardCharsets.UTF_8)));
        assertEquals(1, sent.size());
        assertEquals(sent.toString(), 0, sent.get(0).get("ret_code").asInt());
        assertTrue(sent.toString(), sent.get(0).get("err_msg").asText().contains("command tars.viewstatus now v1"));

        // push_config_file: the merged text on the node's disk, then tars.loadconfig <file>
        JsonNode file = ok(http().post("/api/add_config_file", "{\"level\":5,\"application\":\"Demo\","
                + "\"server_name\":\"Echo\",\"filename\":\"app.conf\",\"config\":\"port=1\"}"));
        JsonNode pushed = ok(http().get("/api/push_config_file?ids=" + file.get("id").asLong()));
        assertEquals(pushed.toString(), 1, pushed.size());
        assertEquals(pushed.toString(), 0, pushed.get(0).get("ret_code").asInt());
        assertTrue(pushed.toString(), pushed.get(0).get("err_msg").asText().contains("command tars.loadconfig app.conf"));
        assertEquals("port=1", Files.readString(home.resolve("versions/1/app.conf")));

        // stop: no process left, the state says inactive
        JsonNode stopped = ended(task(false, id, "stop"));
        assertEquals(stopped.toString(), 2, stopped.get("status").asInt());
        for (long pid : pids) {
            assertFalse("pid " + pid + " left after stop", running(pid));
        }
        Http.await("the node's report to say inactive", DEADLINE, () -> state(id).equals("inactive"));
        assertEquals("inactive", ok(http().get("/api/server?id=" + id)).get("setting_state").asText());

        // every task wrote notify rows; the task list pages
        JsonNode log = ok(http().get("/api/server_notify_list?tree_node_id=1Demo.5Echo"));
        List<String> commands = new ArrayList<>();
        log.get("rows").forEach(r -> commands.add(r.get("command").asText()));
        assertTrue(commands.toString(), commands.containsAll(List.of("patch_tars", "restart", "stop",
                "send_command", "push_config_file")));
        JsonNode tasks = ok(http().get("/api/task_list?application=Demo&curr_page=1&page_size=1"));
        assertEquals(2, tasks.get("count").asInt());
        assertEquals(1, tasks.get("rows").size());

        // undeploy_tars: the row goes, the node's folder too
        assertEquals(2, ended(task(true, id, "undeploy_tars")).get("status").asInt());
        assertFalse(Files.exists(home));
        refused(http().get("/api/server?id=" + id));
    }

    /**
     * send_command holds no request thread while the node works (issue 16): one call per service (the node runs one
     * command of a service at a time) whose command waits on the node, all in flight, and no thread of the server is
     * in a tars resource (each waited there before the routes answered through an AsyncResponse); released, every
     * call answers the command's output.
     */
    @Test
    public void sendCommandHoldsNoRequestThreadWhileTheNodeWorks() throws Exception {
        final int calls = 3;
        byte[] h1 = pkg("h1");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            JsonNode deployed = ok(http().post("/api/deploy_server", "{\"application\":\"Demo\",\"server_name\":"
                    + "\"Hold" + i + "\",\"node_name\":\"" + ip + "\",\"template_name\":\"tars.default\","
                    + "\"enable_set\":false,\"adapters\":[{\"obj_name\":\"HoldObj\",\"bind_ip\":\"" + ip
                    + "\",\"port\":" + (10011 + i) + ",\"port_type\":\"tcp\"}]}"));
            long id = deployed.get("server_conf").get(0).get("id").asLong();
            long patchId = ok(upload("upload_patch_package", Map.of("application", "Demo", "module_name", "Hold" + i,
                    "md5", md5(h1)), h1)).get("id").asLong();
            assertEquals(2, ended(task(true, id, "patch_tars:" + patchId)).get("status").asInt());
            pids("Hold" + i);
            ids.add(id);
        }
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                pending.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort
                        + "/api/send_command?server_ids=" + ids.get(i) + "&command=hold+" + i))
                        .timeout(Duration.ofSeconds(120)).header("X-Armada-Token", TOKEN).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // every call has reached the node: its command.sh runs, waiting for the release
            Http.await(calls + " commands running on the node", DEADLINE, () -> ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").matches(".*command\\.sh hold [0-9]+.*"))
                    .count() >= calls);
            for (var f : pending) {
                assertFalse("answered before the node finished", f.isDone());
            }
            Instance.Result dump = Instance.run(work, List.of("jcmd", Long.toString(server.pid()), "Thread.print"),
                    Map.of(), Duration.ofSeconds(60));
            assertEquals(dump.output(), 0, dump.exit());
            assertTrue("a thread dump of the server", dump.output().contains("Full thread dump"));
            assertFalse("a server thread waits in a tars resource:\n" + dump.output(),
                    dump.output().contains("io.armada.tars.rest.TasksResource"));
        } finally {
            Files.writeString(RELEASE, "go");
        }
        for (int i = 0; i < calls; i++) {
            HttpResponse<String> a = pending.get(i).get(120, java.util.concurrent.TimeUnit.SECONDS);
            JsonNode sent = ok(new Http.Answer(a.statusCode(), a.body()));
            assertEquals(sent.toString(), 0, sent.get(0).get("ret_code").asInt());
            assertTrue(sent.toString(), sent.get(0).get("err_msg").asText().contains("command hold " + i + " h1"));
        }
        for (long id : ids) {
            assertEquals(2, ended(task(true, id, "undeploy_tars")).get("status").asInt());
        }
    }

    @Test
    public void badInputIsRefusedAndWritesNothing() throws Exception {
        long before = ok(http().get("/api/task_list")).get("count").asLong();
        refused(http().post("/api/add_task", "{\"serial\":true,\"items\":[]}"));
        refused(http().post("/api/add_task", "{\"serial\":true,\"items\":[{\"server_id\":999999,\"command\":"
                + "\"restart\"}]}"));
        refused(http().post("/api/add_task", "{\"serial\":true,\"items\":[{\"server_id\":1,\"command\":"
                + "\"reboot\"}]}"));
        refused(http().post("/api/add_task", "{\"serial\":true,\"items\":[{\"server_id\":1,\"command\":"
                + "\"patch_tars\",\"parameters\":{\"patch_id\":\"424242\"}}]}"));
        assertEquals(before, ok(http().get("/api/task_list")).get("count").asLong());
        refused(http().get("/api/task?task_no=xyz"));
        refused(http().get("/api/send_command?server_ids=999999&command=x"));
        refused(http().get("/api/send_command?server_ids=1&command=" + URLEncoder.encode("a;b",
                StandardCharsets.UTF_8)));
        refused(http().get("/api/push_config_file?ids=999999"));
        refused(http().get("/api/get_realtime_state?id=abc"));
        refused(http().get("/api/server_patch_list?application=Demo"));
        refused(upload("upload_patch_package", Map.of("application", "Bad.Name", "module_name", "Echo"),
                "x".getBytes()));
        refused(http().post("/api/report_stat", "{\"records\":[{\"master_name\":\"a\",\"slave_name\":\"\","
                + "\"interface_name\":\"i\",\"count\":1}]}"));
        refused(http().get("/api/tarsstat_monitor_data?thedate=2026-13-01"));
        JsonNode none = ok(http().get("/api/tarsstat_monitor_data?slave_name=Nobody.Here"));
        assertEquals(0, none.size());
    }

    @Test
    public void statisticsAreAggregatedPerSlot() {
        long t = System.currentTimeMillis() / 1000;
        StringBuilder b = new StringBuilder("{\"records\":[");
        for (int i = 0; i < 100; i++) {
            b.append(i == 0 ? "" : ",").append("{\"time\":").append(t).append(",\"master_name\":\"Demo.Client\","
                    + "\"slave_name\":\"Demo.Stat\",\"interface_name\":\"hi\",\"master_ip\":\"10.0.0.1\","
                    + "\"slave_ip\":\"10.0.0.2\",\"count\":3,\"fail_count\":1,\"timeout_count\":0,\"total_time\":30}");
        }
        b.append("]}");
        assertEquals(100, ok(http().post("/api/report_stat", b.toString())).get("count").asInt());
        JsonNode rows = ok(http().get("/api/tarsstat_monitor_data?slave_name=Demo.Stat&group_by=interface_name"));
        assertEquals(rows.toString(), 1, rows.size());
        assertEquals("300", rows.get(0).get("the_total_count").asText());
        assertEquals("33.33%", rows.get(0).get("the_fail_rate").asText());
        assertEquals("10.00", rows.get(0).get("the_avg_time").asText());
    }

    @Test
    public void uploadAndPublishAnswersPlainText() throws Exception {
        byte[] b = "not run anywhere".getBytes(StandardCharsets.UTF_8);
        Http.Answer a = upload("upload_and_publish", Map.of("application", "Solo", "module_name", "Nowhere",
                "comment", "c"), b);
        assertEquals(a.toString(), 200, a.status());
        assertTrue(a.body(), a.body().startsWith("upload Solo.Nowhere package "));
        assertTrue(a.body(), a.body().contains("publish: no node to publish to"));
        assertEquals(1, ok(http().get("/api/server_patch_list?application=Solo&module_name=Nowhere")).get("count")
                .asInt());
        Http.Answer bad = upload("upload_and_publish", Map.of("application", "Solo", "module_name", "Nowhere",
                "md5", "0".repeat(32)), b);
        assertTrue(bad.body(), bad.body().startsWith("upload_and_publish failed: #patch.md5#"));
        assertEquals(1, ok(http().get("/api/server_patch_list?application=Solo&module_name=Nowhere")).get("count")
                .asInt());
    }
}
