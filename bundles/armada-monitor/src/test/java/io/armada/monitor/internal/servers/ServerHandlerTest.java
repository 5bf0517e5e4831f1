package io.armada.monitor.internal.servers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.sun.net.httpserver.HttpServer;

import io.armada.core.ApiException;

/**
 * The ServerHandler on a real package served by a loopback HTTP server: its start script leaves a daemon behind and
 * exits; the handler still sees the service active, and stop leaves no process of it.
 */
public class ServerHandlerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private HttpServer http;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Map<String, String> seenTokens = new ConcurrentHashMap<>();
    /** Holds the answer to /hold.tgz until counted down. */
    private final java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    private Path data;
    private ServerHandler handler;
    private ServerSettings settings;

    @Before
    public void setUp() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            byte[] b = served.get(ex.getRequestURI().getPath());
            String t = ex.getRequestHeaders().getFirst("X-Armada-Token");
            seenTokens.put(ex.getRequestURI().getPath(), t == null ? "" : t);
            if (ex.getRequestURI().getPath().equals("/hold.tgz")) {
                try {
                    hold.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(b == null ? 404 : 200, b == null ? -1 : b.length);
            try (OutputStream o = ex.getResponseBody()) {
                if (b != null) {
                    o.write(b);
                }
            }
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        data = tmp.newFolder("data").toPath();
        handler = handler(Map.of());
    }

    private ServerHandler handler(Map<String, Boolean> switches) {
        return handler(switches, Duration.ofSeconds(20));
    }

    private ServerHandler handler(Map<String, Boolean> switches, Duration scriptTimeout) {
        return handler(switches, scriptTimeout, 10);
    }

    private ServerHandler handler(Map<String, Boolean> switches, Duration scriptTimeout, int maxServices) {
        return handler(switches, scriptTimeout, maxServices, "");
    }

    private ServerHandler handler(Map<String, Boolean> switches, Duration scriptTimeout, int maxServices,
            String user) {
        settings = new ServerSettings(data.resolve("servers"), List.of(data.resolve("apps")),
                List.of("setsid"), user, scriptTimeout, Duration.ofSeconds(2), Duration.ofSeconds(60),
                1 << 20, 100, maxServices, Duration.ofSeconds(10), switches.getOrDefault("deploy", true),
                switches.getOrDefault("control", true), switches.getOrDefault("command", true),
                switches.getOrDefault("config", true), ServerSettings.readBootId());
        PackageFetcher fetcher = new PackageFetcher("http://127.0.0.1:" + http.getAddress().getPort(),
                ServerHandlerTest::download, 1 << 20, Duration.ofSeconds(10));
        // a clock that stands still: every answer comes from the cached scan unless an action made a new one
        return new ServerHandler(new ServerRuntime(settings, fetcher,
                new ProcTable(Path.of("/proc"), 1000, () -> 0L)), settings);
    }

    /** Core's FleetClient.fetch as FleetFetch does it (HttpURLConnection, no redirect), the token "fleet-token". */
    static io.armada.core.FleetClient.Fetched download(String url, boolean withToken, Duration timeout, long max,
            OutputStream sink) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setReadTimeout((int) timeout.toMillis());
        if (withToken) {
            c.setRequestProperty("X-Armada-Token", "fleet-token");
        }
        int status = c.getResponseCode();
        if (status != 200) {
            c.disconnect();
            return new io.armada.core.FleetClient.Fetched(status, 0);
        }
        long n = 0;
        try (java.io.InputStream in = c.getInputStream()) {
            byte[] b = new byte[8192];
            int r;
            while ((r = in.read(b)) >= 0) {
                n += r;
                if (n > max) {
                    throw new IOException("more than " + max + " bytes");
                }
                sink.write(b, 0, r);
            }
        }
        return new io.armada.core.FleetClient.Fetched(200, n);
    }

    @After
    public void tearDown() {
        try {
            handler.handle("undeploy", Map.of("app", "demo", "server", "echo"));
        } catch (ApiException ignored) {
            // not deployed
        }
        http.stop(0);
    }

    private String serve(String path, Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        served.put(path, b);
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private Path pkg(String name, String version) throws IOException {
        return Tgz.service(tmp.getRoot().toPath().resolve(name),
                "nohup sleep 1000 >/dev/null 2>&1 &\necho started " + version,
                "echo stopping " + version, "echo \"command $1 " + version + "\"\ncat conf/app.conf 2>/dev/null\ntrue")
                .file("VERSION", version, 0644).write();
    }

    private Map<String, Object> call(String command, Object... kv) {
        Map<String, Object> d = new HashMap<>(Map.of("app", "demo", "server", "echo"));
        for (int i = 0; i < kv.length; i += 2) {
            d.put((String) kv[i], kv[i + 1]);
        }
        return handler.handle(command, d);
    }

    private static int code(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.code() == null ? 88888 : e.code();
        }
        fail("no refusal");
        return 0;
    }

    /** A live process (not gone, not a zombie waiting for its reaper). */
    private static boolean running(long pid) {
        return ProcTable.readStat(Path.of("/proc/" + pid + "/stat")) != null;
    }

    @SuppressWarnings("unchecked")
    private static List<Long> pids(Map<String, Object> answer) {
        return (List<Long>) answer.get("pids");
    }

    /**
     * {@code servers.user}: the scripts, and the daemons they leave, run as that user, in a folder given to it. Only a
     * build running as root can switch users (CI's does); elsewhere the test says so and is skipped.
     */
    @Test
    public void scriptsAndTheirDaemonsRunAsTheConfiguredUser() throws Exception {
        org.junit.Assume.assumeTrue("switching users needs root", "root".equals(System.getProperty("user.name")));
        // the user must be able to reach the service folders through the test's own temporary folders
        for (Path p = data; p != null && p.startsWith(tmp.getRoot().toPath().getParent()); p = p.getParent()) {
            if (p.equals(tmp.getRoot().toPath().getParent())) {
                break;
            }
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        handler = handler(Map.of(), Duration.ofSeconds(20), 10, "nobody");
        String md5 = serve("/user.tgz", Tgz.service(tmp.getRoot().toPath().resolve("user.tgz"),
                "id -u > uid.txt\nnohup sleep 1000 >/dev/null 2>&1 &\necho started", "echo stopping",
                "id -un").write());
        call("deploy", "address", url("/user.tgz"), "md5", md5);
        Map<String, Object> started = call("start");
        assertEquals(started.toString(), 0, started.get("exit"));
        List<Long> pids = pids(started);
        assertFalse(pids.isEmpty());
        Path uid;
        try (var found = Files.walk(data.resolve("servers/demo.echo"))) {
            uid = found.filter(f -> f.getFileName().toString().equals("uid.txt")).findFirst().orElseThrow();
        }
        assertEquals("65534", Files.readString(uid).trim());
        for (long pid : pids) {
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            assertTrue(pid + " runs as nobody: " + status, status.lines()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("65534")));
        }
        assertTrue(call("command", "command", "whoami").get("output").toString().contains("nobody"));
        assertEquals("inactive", call("stop").get("state"));
        for (long pid : pids) {
            assertFalse(running(pid));
        }
        call("undeploy");
    }

    @Test
    public void deployStartCommandConfigStopPatchRollbackUndeploy() throws Exception {
        String md5 = serve("/v1.tgz", pkg("v1.tgz", "v1"));
        Map<String, Object> d = call("deploy", "address", url("/v1.tgz"), "md5", md5);
        assertEquals("fleet-token", seenTokens.get("/v1.tgz")); // the address is on the node's server
        assertEquals(1, d.get("version"));
        Path home = data.resolve("servers/demo.echo");
        assertEquals("v1", Files.readString(home.resolve("versions/1/VERSION")));

        Map<String, Object> started = call("start");
        assertEquals(0, started.get("exit"));
        assertTrue((String) started.get("output"), ((String) started.get("output")).contains("started v1"));
        assertEquals("active", started.get("state"));
        List<Long> pids = pids(started);
        assertFalse(pids.isEmpty());
        for (long pid : pids) {
            assertTrue(running(pid));
        }
        assertEquals("active", call("status").get("state"));
        // the figures of the resource report and /metrics
        ManagedServers managed = new ManagedServers(settings, ServerHandlerTest::download);
        List<ServiceFigure> figures = managed.figures();
        assertEquals(1, figures.size());
        assertTrue(figures.get(0).active());
        assertEquals(pids, figures.get(0).pids());
        // the resident size is read from /proc: a loaded machine may show the daemon mid-exec once (seen as 0)
        io.armada.core.testing.Await.until("the service's resident memory in the figures",
                () -> managed.figures().get(0).rssBytes() > 0);
        assertEquals("active", figures.get(0).toReport().get("state"));
        // a node restarted finds it: a new runtime on the same folders
        assertEquals(pids, pids(handler(Map.of()).handle("status", Map.of("app", "demo", "server", "echo"))));

        assertEquals("conf/app.conf", call("write_config", "filename", "conf/app.conf", "content", "port=1\n")
                .get("filename"));
        assertEquals("port=1\n", Files.readString(home.resolve("versions/1/conf/app.conf")));
        assertEquals(40709, code(() -> call("write_config", "filename", "../escape", "content", "x")));
        assertEquals(40709, code(() -> call("write_config", "filename", "/etc/escape", "content", "x")));
        assertFalse(Files.exists(home.resolve("versions/escape")));
        // links the service itself may have made in its folder are replaced or refused, never followed
        Path outside = Files.writeString(data.resolve("outside.txt"), "untouched");
        Files.createSymbolicLink(home.resolve("versions/1/conf/evil.conf"), outside);
        assertEquals(40709, code(() -> call("write_config", "filename", "conf/evil.conf", "content", "x")));
        Files.createSymbolicLink(home.resolve("versions/1/conf/b.conf.armada-tmp"), outside);
        call("write_config", "filename", "conf/b.conf", "content", "b");
        assertEquals("b", Files.readString(home.resolve("versions/1/conf/b.conf")));
        assertEquals("untouched", Files.readString(outside));
        Map<String, Object> c = call("command", "command", "reload");
        assertTrue((String) c.get("output"), ((String) c.get("output")).contains("command reload v1\nport=1"));
        // words are separate arguments (tars' "tars.loadconfig <file>"): $1 is the first word only
        Map<String, Object> two = call("command", "command", "tars.loadconfig  app.conf");
        assertTrue((String) two.get("output"), ((String) two.get("output")).contains("command tars.loadconfig v1"));
        assertEquals(88888, code(() -> call("command", "command", "a;b c")));
        assertEquals(88888, code(() -> call("command", "command", "a b c d e f g h i")));

        Map<String, Object> stopped = call("stop");
        assertEquals("inactive", stopped.get("state"));
        assertTrue(((String) stopped.get("output")).contains("stopping v1"));
        for (long pid : pids) {
            assertFalse("pid " + pid + " left", running(pid));
        }

        String md5v2 = serve("/v2.tgz", pkg("v2.tgz", "v2"));
        assertEquals(2, call("patch", "address", url("/v2.tgz"), "md5", md5v2).get("version"));
        assertTrue(((String) call("command", "command", "x").get("output")).contains("v2"));
        // md5 mismatch: nothing unpacked, the current version untouched
        assertEquals(40703, code(() -> call("patch", "address", url("/v1.tgz"), "md5", md5v2)));
        assertEquals(2, call("status").get("version"));
        assertFalse(Files.exists(home.resolve("versions/3")));
        Map<String, Object> back = call("rollback");
        assertEquals(1, back.get("version"));
        assertTrue(((String) call("command", "command", "x").get("output")).contains("v1"));

        Map<String, Object> restarted = call("restart");
        assertEquals("active", restarted.get("state"));
        Map<String, Object> gone = call("undeploy");
        assertEquals("inactive", gone.get("state"));
        for (long pid : pids(restarted)) {
            assertFalse(running(pid));
        }
        assertFalse(Files.exists(home));
        assertEquals(40701, code(() -> call("status")));
    }

    @Test
    public void callsForOneServiceWaitForEachOtherOthersGoOn() throws Exception {
        Path go = tmp.getRoot().toPath().resolve("go");
        // a start script that waits until the test says go (bounded by the script time limit)
        Path slow = Tgz.service(tmp.getRoot().toPath().resolve("slow.tgz"),
                "while [ ! -e '" + go + "' ]; do sleep 0.05; done\necho slow started", "true", "echo hi").write();
        String md5 = serve("/slow.tgz", slow);
        String fast = serve("/v1.tgz", pkg("v1.tgz", "v1"));
        // two services whose locks differ
        String a = "a0";
        String b = "b0";
        for (int i = 1; Math.floorMod(ServiceNames.key("demo", a).hashCode(), 64)
                == Math.floorMod(ServiceNames.key("demo", b).hashCode(), 64); i++) {
            b = "b" + i;
        }
        String other = b;
        handler.handle("deploy", Map.of("app", "demo", "server", a, "address", url("/slow.tgz"), "md5", md5));
        handler.handle("deploy", Map.of("app", "demo", "server", other, "address", url("/v1.tgz"), "md5", fast));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Map<String, Object>> slowStart = pool.submit(
                    () -> handler.handle("start", Map.of("app", "demo", "server", a)));
            java.util.concurrent.Future<Map<String, Object>> slowCommand = pool.submit(
                    () -> handler.handle("command", Map.of("app", "demo", "server", a, "command", "x")));
            // another service starts while the first one's start script still waits
            assertEquals("active", handler.handle("start", Map.of("app", "demo", "server", other)).get("state"));
            assertFalse(slowStart.isDone() && slowCommand.isDone());
            // status never waits for a lock
            assertEquals(a, handler.handle("status", Map.of("app", "demo", "server", a)).get("server"));
            Files.writeString(go, "go");
            assertEquals(0, slowStart.get().get("exit"));
            assertEquals("hi\n", slowCommand.get().get("output"));
        } finally {
            Files.writeString(go, "go");
            pool.shutdownNow();
            handler.handle("undeploy", Map.of("app", "demo", "server", a));
            handler.handle("undeploy", Map.of("app", "demo", "server", other));
        }
    }

    @Test
    public void aScriptPastItsTimeLimitIsKilledWithWhatItStartedButAStartedServiceStays() throws Exception {
        handler = handler(Map.of(), Duration.ofSeconds(1));
        Path p = Tgz.service(tmp.getRoot().toPath().resolve("slow.tgz"),
                "nohup sleep 1000 >/dev/null 2>&1 &\necho started\nsleep 1000", "true",
                "(sleep 1000 & echo $! > \"$ARMADA_SERVICE_DIR/bg.pid\")\necho waiting\nsleep 1000").write();
        String md5 = serve("/slow.tgz", p);
        call("deploy", "address", url("/slow.tgz"), "md5", md5);
        ApiException e = null;
        try {
            call("command", "command", "x");
        } catch (ApiException ex) {
            e = ex;
        }
        assertEquals(Integer.valueOf(40706), e == null ? null : e.code());
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) e.data();
        assertTrue(d.toString(), ((String) d.get("output")).contains("waiting"));
        long bg = Long.parseLong(Files.readString(data.resolve("servers/demo.echo/versions/1/bg.pid")).trim());
        assertFalse("the command's background process " + bg + " outlived it", running(bg));
        // a start script past its limit: the script is killed, the daemon it left is the service
        try {
            call("start");
            fail("the start script ran past its limit");
        } catch (ApiException ex) {
            assertEquals(Integer.valueOf(40706), ex.code());
        }
        Map<String, Object> status = call("status");
        assertEquals("active", status.get("state"));
        List<Long> pids = pids(status);
        assertEquals("inactive", call("stop").get("state"));
        for (long pid : pids) {
            assertFalse(running(pid));
        }
    }

    @Test
    public void firstDeploysSideBySideHoldTheirPlaceWhileTheyDownload() throws Exception {
        handler = handler(Map.of(), Duration.ofSeconds(20), 2);
        Files.createDirectories(data.resolve("apps"));
        String md5 = serve("/hold.tgz", pkg("hold.tgz", "v1"));
        served.put("/v1.tgz", served.get("/hold.tgz"));
        String shared = data.resolve("apps/shared").toString();
        handler.handle("deploy", Map.of("app", "demo", "server", "one", "address", url("/v1.tgz"), "md5", md5));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Map<String, Object>> second = pool.submit(() -> handler.handle("deploy",
                    Map.of("app", "demo", "server", "two", "address", url("/hold.tgz"), "md5", md5,
                            "base_path", shared)));
            // the second deploy is downloading (its request reached the server) when the third one comes
            for (int i = 0; i < 2000 && !seenTokens.containsKey("/hold.tgz"); i++) {
                Thread.sleep(10);
            }
            assertTrue(seenTokens.containsKey("/hold.tgz"));
            // servers.max (2) counts the deploy in progress
            try {
                handler.handle("deploy", Map.of("app", "demo", "server", "three", "address", url("/v1.tgz"),
                        "md5", md5));
                fail("a third service past servers.max = 2");
            } catch (ApiException e) {
                assertEquals(io.armada.core.ErrorKind.UNAVAILABLE, e.kind());
            }
            // and its base_path is taken
            assertEquals(40709, code(() -> handler.handle("deploy", Map.of("app", "demo", "server", "four",
                    "address", url("/v1.tgz"), "md5", md5, "base_path", shared))));
            hold.countDown();
            assertEquals(1, second.get().get("version"));
            assertEquals(40701, code(() -> handler.handle("status", Map.of("app", "demo", "server", "three"))));
        } finally {
            hold.countDown();
            pool.shutdownNow();
            for (String server : List.of("one", "two", "three", "four")) {
                try {
                    handler.handle("undeploy", Map.of("app", "demo", "server", server));
                } catch (ApiException notDeployed) {
                    // not there
                }
            }
        }
    }

    @Test
    public void refusals() throws Exception {
        assertEquals(40701, code(() -> call("start")));
        assertEquals(40701, code(() -> call("patch", "address", url("/x.tgz"), "md5", "0".repeat(32))));
        assertEquals(88888, code(() -> handler.handle("status", Map.of("app", "../x", "server", "echo"))));
        assertEquals(88888, code(() -> handler.handle("status", Map.of("app", "a.b", "server", "echo"))));
        assertEquals(88888, code(() -> call("frobnicate")));
        assertEquals(88888, code(() -> call("deploy", "address", "file:///etc/passwd", "md5", "0".repeat(32))));
        assertEquals(40702, code(() -> call("deploy", "address", url("/missing.tgz"), "md5", "0".repeat(32))));
        String md5 = serve("/v1.tgz", pkg("v1.tgz", "v1"));
        assertEquals(40703, code(() -> call("deploy", "address", url("/v1.tgz"), "md5", "0".repeat(32))));
        assertFalse(Files.exists(data.resolve("servers/demo.echo")));
        String bad = serve("/bad.tgz", Tgz.of(tmp.getRoot().toPath().resolve("bad.tgz"))
                .file("bin/start.sh", "x", 0755).file("../../escape", "x", 0644).write());
        assertEquals(40704, code(() -> call("deploy", "address", url("/bad.tgz"), "md5", bad)));
        String abs = serve("/abs.tgz", Tgz.of(tmp.getRoot().toPath().resolve("abs.tgz"))
                .file(data.resolve("abs-escape").toString(), "x", 0644).write());
        assertEquals(40704, code(() -> call("deploy", "address", url("/abs.tgz"), "md5", abs)));
        assertFalse(Files.exists(data.resolve("abs-escape")));
        assertFalse(Files.exists(data.resolve("servers/demo.echo")));
        assertEquals(40709, code(() -> call("deploy", "address", url("/v1.tgz"), "md5", md5, "base_path", "/tmp/x")));
        assertEquals(40709, code(() -> call("deploy", "address", url("/v1.tgz"), "md5", md5, "base_path",
                data.resolve("apps/../../x").toString())));
        assertEquals(40709, code(() -> call("deploy", "address", url("/v1.tgz"), "md5", md5,
                "start_script_path", "../../bin/sh")));
        // base_path inside an allowed root, never the registry, never a folder with files in it
        assertEquals(40709, code(() -> call("deploy", "address", url("/v1.tgz"), "md5", md5, "base_path",
                data.resolve("servers/other.svc").toString())));
        Files.createDirectories(data.resolve("apps/full"));
        Files.writeString(data.resolve("apps/full/keep.txt"), "keep");
        assertEquals(40709, code(() -> call("deploy", "address", url("/v1.tgz"), "md5", md5, "base_path",
                data.resolve("apps/full").toString())));
        assertEquals("keep", Files.readString(data.resolve("apps/full/keep.txt")));
        call("deploy", "address", url("/v1.tgz"), "md5", md5, "base_path", data.resolve("apps/demo").toString());
        assertTrue(Files.isRegularFile(data.resolve("apps/demo/versions/1/VERSION")));
        assertEquals(40709, code(() -> handler.handle("deploy", Map.of("app", "demo", "server", "other", "address",
                url("/v1.tgz"), "md5", md5, "base_path", data.resolve("apps/demo/inner").toString()))));
        assertEquals(40707, code(() -> call("rollback")));
        call("undeploy");
        assertFalse(Files.exists(data.resolve("apps/demo")));
    }

    @Test
    public void switchedOffActionsTouchNothing() throws Exception {
        handler = handler(Map.of("deploy", false, "control", false, "command", false, "config", false));
        String md5 = serve("/v1.tgz", pkg("v1.tgz", "v1"));
        assertEquals(-1, code(() -> call("deploy", "address", url("/v1.tgz"), "md5", md5)));
        assertFalse(served.isEmpty());
        assertTrue(seenTokens.isEmpty()); // nothing was downloaded
        assertEquals(-1, code(() -> call("start")));
        assertEquals(-1, code(() -> call("command", "command", "x")));
        assertEquals(-1, code(() -> call("write_config", "filename", "a", "content", "x")));
        assertFalse(Files.exists(data.resolve("servers")));
    }

    @Test
    public void theTokenGoesOnlyToTheNodesServer() throws Exception {
        PackageFetcher other = new PackageFetcher("https://server.example:8443", ServerHandlerTest::download,
                1 << 20, Duration.ofSeconds(10));
        String md5 = serve("/v1.tgz", pkg("v1.tgz", "v1"));
        other.fetch(url("/v1.tgz"), md5, tmp.getRoot().toPath().resolve("got.tgz"));
        assertEquals("", seenTokens.get("/v1.tgz"));
        assertTrue(Files.size(tmp.getRoot().toPath().resolve("got.tgz")) > 0);
    }
}
