package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The node's service runtime (SPEC §10.1, ServerHandler) on the archive in the node role, with real packages made
 * here (tgz files whose start.sh starts a long-running daemon and exits) served by a loopback HTTP server: deploy,
 * start, command, write_config, stop, patch, rollback, undeploy; bad input; the shell; /metrics; and a node killed
 * with kill -9 that finds its running service again.
 */
public class ServersIT {
    private static final String TOKEN = "services-itest-token-0123456789abcdef";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, byte[]> SERVED = new ConcurrentHashMap<>();
    private static Instance node;
    private static HttpServer http;
    private static Path work;
    private static Path data;
    private static final List<Long> SEEN_PIDS = new ArrayList<>();

    @BeforeClass
    public static void start() throws Exception {
        work = Path.of(System.getProperty("armada.itest.work", "target/it")).toAbsolutePath();
        data = work.resolve("services-data");
        Instance.deleteTree(data);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            byte[] b = SERVED.get(ex.getRequestURI().getPath());
            ex.sendResponseHeaders(b == null ? 404 : 200, b == null ? -1 : b.length);
            try (OutputStream o = ex.getResponseBody()) {
                if (b != null) {
                    o.write(b);
                }
            }
        });
        http.start();
        node = Instance.unpack(work, "services-node").env("ARMADA_ROLE", "node").env("ARMADA_TOKEN", TOKEN)
                .env("ARMADA_DATA", data.toString());
        node.start();
        awaitTaskRoute();
    }

    @AfterClass
    public static void stop() throws Exception {
        try {
            if (node != null && node.running()) {
                task("undeploy", "demo", "echo", Map.of());
                node.stop();
            }
        } catch (Exception | AssertionError e) {
            node.kill9();
        } finally {
            for (long pid : SEEN_PIDS) { // never leave a daemon of ours behind, whatever failed
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (http != null) {
                http.stop(0);
            }
        }
    }

    private static void awaitTaskRoute() {
        // a 404 until the node's monitor has registered its routes: poll without asserting (a loaded CI machine
        // asked before that, and the assertion inside task() failed the class)
        String body = "{\"handler\":\"ServerHandler\",\"command\":\"status\",\"data\":{\"app\":\"none\","
                + "\"server\":\"none\"}}";
        Http.await("the ServerHandler", DEADLINE, () -> {
            Http.Answer a = node.http(TOKEN).post("/api/v1/monitor/task", body);
            return a.status() == 200 && a.json().get("code").asInt() == 40701;
        });
    }

    private static JsonNode task(String command, String app, String server, Map<String, Object> more) {
        ObjectNode body = JSON.createObjectNode();
        body.put("handler", "ServerHandler");
        body.put("command", command);
        ObjectNode d = body.putObject("data");
        d.put("app", app);
        d.put("server", server);
        more.forEach((k, v) -> d.put(k, v.toString()));
        Http.Answer a = node.http(TOKEN).post("/api/v1/monitor/task", body.toString());
        // a loaded CI run once saw the node's task route answer and then 404 for a moment: the monitor's configuration,
        // created by its feature at the first start, was updated again by fileinstall after its components had
        // started, and they started again. The archive now ships the areas' .cfg files in etc/ (karaf-distribution's
        // feature-config.xsl), so this should not happen; a 404 is still asked again, for at most 30 s
        for (long end = System.nanoTime() + 30_000_000_000L; a.status() == 404 && System.nanoTime() < end;) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            a = node.http(TOKEN).post("/api/v1/monitor/task", body.toString());
        }
        assertEquals(a.toString(), 200, a.status());
        return a.json();
    }

    private static JsonNode ok(String command, Map<String, Object> more) {
        JsonNode j = task(command, "demo", "echo", more);
        assertEquals(j.toString(), 0, j.get("code").asInt());
        return j.get("data");
    }

    /** A package: bin/start.sh leaves `sleep` running and exits; VERSION says which. */
    private static String servePackage(String name, String version) throws Exception {
        Path dir = work.resolve("services-pkg-" + name);
        Instance.deleteTree(dir);
        Files.createDirectories(dir.resolve("bin"));
        script(dir.resolve("bin/start.sh"), "nohup sleep 1000 >/dev/null 2>&1 &\necho started " + version);
        script(dir.resolve("bin/stop.sh"), "echo stopping " + version);
        script(dir.resolve("bin/command.sh"), "echo \"command $1 " + version + "\"\ncat conf/app.conf 2>/dev/null\ntrue");
        Files.writeString(dir.resolve("VERSION"), version);
        return serve(name, tar(dir, work.resolve(name), "."));
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** tar -czf with GNU tar's -P: names are stored as given (absolute and ../ included). */
    private static Path tar(Path dir, Path out, String... names) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tar", "-czPf", out.toString()));
        cmd.addAll(List.of(names));
        Instance.Result r = Instance.run(dir, cmd, Map.of(), Duration.ofSeconds(30));
        assertEquals(r.output(), 0, r.exit());
        return out;
    }

    private static String serve(String name, Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        SERVED.put("/" + name, b);
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private static String url(String name) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + name;
    }

    private static List<Long> pids(JsonNode d) {
        List<Long> out = new ArrayList<>();
        d.get("pids").forEach(p -> out.add(p.asLong()));
        synchronized (SEEN_PIDS) {
            SEEN_PIDS.addAll(out);
        }
        return out;
    }

    /** A live process: /proc has it and it is not a zombie waiting for its reaper. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception gone) {
            return false;
        }
    }

    @Test
    public void deployStartCommandConfigStopPatchRollbackUndeployAndKill9() throws Exception {
        String v1 = servePackage("v1.tgz", "v1");
        assertEquals(1, ok("deploy", Map.of("address", url("v1.tgz"), "md5", v1)).get("version").asInt());
        Path home = data.resolve("servers/demo.echo");
        assertEquals("v1", Files.readString(home.resolve("versions/1/VERSION")));

        JsonNode started = ok("start", Map.of());
        assertEquals("active", started.get("state").asText());
        assertTrue(started.toString(), started.get("output").asText().contains("started v1"));
        List<Long> pids = pids(started);
        assertFalse(pids.isEmpty());
        for (long pid : pids) {
            assertTrue("pid " + pid, running(pid));
        }
        assertEquals("active", ok("status", Map.of()).get("state").asText());

        ok("write_config", Map.of("filename", "conf/app.conf", "content", "port=1"));
        assertEquals("port=1", Files.readString(home.resolve("versions/1/conf/app.conf")));
        assertEquals(40709, task("write_config", "demo", "echo", Map.of("filename", "../x", "content", "x"))
                .get("code").asInt());
        String out = ok("command", Map.of("command", "reload")).get("output").asText();
        assertTrue(out, out.contains("command reload v1") && out.contains("port=1"));

        // the shell and /metrics see it
        Instance.Result shell = node.shell("monitor:servers");
        assertEquals(shell.output(), 0, shell.exit());
        assertTrue(shell.output(), shell.output().contains("demo") && shell.output().contains("active"));
        String metrics = node.http(TOKEN).get("/metrics").body();
        assertTrue(metrics, metrics.contains("armada_service_up{app=\"demo\",server=\"echo\"} 1"));

        // a node killed with kill -9 finds its running service again
        node.kill9();
        for (long pid : pids) {
            assertTrue("the service died with the node: " + pid, running(pid));
        }
        node.start();
        awaitTaskRoute();
        JsonNode again = ok("status", Map.of());
        assertEquals("active", again.get("state").asText());
        assertEquals(pids, pids(again));

        JsonNode stopped = ok("stop", Map.of());
        assertEquals("inactive", stopped.get("state").asText());
        assertTrue(stopped.toString(), stopped.get("output").asText().contains("stopping v1"));
        for (long pid : pids) {
            assertFalse("pid " + pid + " left after stop", running(pid));
        }

        String v2 = servePackage("v2.tgz", "v2");
        assertEquals(2, ok("patch", Map.of("address", url("v2.tgz"), "md5", v2)).get("version").asInt());
        // md5 mismatch: refused, nothing unpacked, the current version untouched
        assertEquals(40703, task("patch", "demo", "echo", Map.of("address", url("v1.tgz"), "md5", v2))
                .get("code").asInt());
        assertEquals(2, ok("status", Map.of()).get("version").asInt());
        assertFalse(Files.exists(home.resolve("versions/3")));
        assertTrue(ok("command", Map.of("command", "x")).get("output").asText().contains("v2"));
        assertEquals(1, ok("rollback", Map.of()).get("version").asInt());
        assertTrue(ok("command", Map.of("command", "x")).get("output").asText().contains("v1"));

        // start, stop and restart from the shell; a refusal fails the shell command
        Instance.Result started2 = node.shell("monitor:server-start demo echo");
        assertEquals(started2.output(), 0, started2.exit());
        assertTrue(started2.output(), started2.output().contains("demo.echo: active"));
        Instance.Result restartedShell = node.shell("monitor:server-restart demo echo");
        assertEquals(restartedShell.output(), 0, restartedShell.exit());
        Instance.Result unknown = node.shell("monitor:server-stop nobody here");
        assertTrue(unknown.output(), unknown.exit() != 0 && unknown.output().contains("40701"));
        JsonNode restarted = ok("status", Map.of());
        assertEquals("active", restarted.get("state").asText());
        List<Long> second = pids(restarted);
        assertFalse(second.isEmpty());
        JsonNode gone = ok("undeploy", Map.of());
        assertEquals("inactive", gone.get("state").asText());
        for (long pid : second) {
            assertFalse("pid " + pid + " left after undeploy", running(pid));
        }
        assertFalse(Files.exists(home));
        assertEquals(40701, task("status", "demo", "echo", Map.of()).get("code").asInt());
    }

    @Test
    public void badInputIsRefusedAndWritesNothingOutside() throws Exception {
        assertEquals(40701, task("start", "nobody", "here", Map.of()).get("code").asInt());
        assertEquals(88888, task("status", "../etc", "x", Map.of()).get("code").asInt());
        assertEquals(88888, task("frobnicate", "demo", "bad", Map.of()).get("code").asInt());

        // a package with ../ entries
        Path dir = work.resolve("services-bad/inner");
        Instance.deleteTree(dir.getParent());
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.getParent().resolve("escape.txt"), "x");
        script(dir.resolve("bin/start.sh"), "true");
        String dotdot = serve("dotdot.tgz", tar(dir, work.resolve("dotdot.tgz"), "bin", "../escape.txt"));
        JsonNode r = task("deploy", "demo", "bad", Map.of("address", url("dotdot.tgz"), "md5", dotdot));
        assertEquals(r.toString(), 40704, r.get("code").asInt());
        // a package with an absolute name
        String abs = serve("abs.tgz", tar(dir, work.resolve("abs.tgz"), "bin",
                dir.getParent().resolve("escape.txt").toString()));
        r = task("deploy", "demo", "bad", Map.of("address", url("abs.tgz"), "md5", abs));
        assertEquals(r.toString(), 40704, r.get("code").asInt());
        assertFalse(Files.exists(data.resolve("servers/demo.bad")));
        assertFalse(Files.exists(data.resolve("escape.txt")));
        assertFalse(Files.exists(data.resolve("servers/escape.txt")));
        // md5 mismatch of a first deploy: nothing kept
        String good = servePackage("good.tgz", "v1");
        r = task("deploy", "demo", "bad", Map.of("address", url("good.tgz"), "md5", "0".repeat(32)));
        assertEquals(r.toString(), 40703, r.get("code").asInt());
        assertFalse(Files.exists(data.resolve("servers/demo.bad")));
        assertTrue(good.length() == 32);
    }
}
