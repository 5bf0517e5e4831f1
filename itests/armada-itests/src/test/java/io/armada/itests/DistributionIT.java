package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The archive as a user runs it: a server and a node unpacked side by side and started with bin/start and the
 * ARMADA_* variables; the generated token; the ports they listen on; bin/armada-shell from a script; hot deployment
 * through deploy/; acknowledged writes surviving kill -9.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DistributionIT {
    private static final String NODE_TOKEN = "node-and-server-share-a-fleet-token-0001";
    private static Instance server;
    private static Instance node;
    private static Path serverData;

    @BeforeClass
    public static void startBoth() throws Exception {
        Path work = Path.of(System.getProperty("armada.itest.work", "target/it"));
        server = Instance.unpack(work, "server");
        serverData = work.resolve("server-data");
        Instance.deleteTree(serverData);
        server.env("ARMADA_DATA", serverData.toAbsolutePath().toString());
        node = Instance.unpack(work, "node").env("ARMADA_ROLE", "node").env("ARMADA_TOKEN", NODE_TOKEN);
        server.start();
        node.start();
    }

    @AfterClass
    public static void stopBoth() throws Exception {
        for (Instance i : new Instance[] {server, node}) {
            if (i != null && i.running()) {
                try {
                    i.stop();
                } catch (Exception | AssertionError e) {
                    i.kill9();
                }
            }
        }
    }

    private static String serverToken() throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(server.home.resolve("etc/io.armada.security.cfg"))) {
            p.load(in);
        }
        return p.getProperty("token").trim();
    }

    @Test
    public void a_generatedTokenIsStoredPrivatelyAndWorks() throws Exception {
        Path cfg = server.home.resolve("etc/io.armada.security.cfg");
        assertTrue(Files.exists(cfg));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)));
        String token = serverToken();
        assertTrue(token.length() >= 32);
        assertEquals(200, server.http(token).get("/openapi.json").status());
        assertEquals(401, server.http("wrong").get("/openapi.json").status());
        String log = Files.readString(server.home.resolve("data/log/karaf.log"));
        assertFalse("the token is in the log", log.contains(token));
        assertTrue(log.contains("Generated the fleet token"));
    }

    /**
     * Every configuration the features define ships as a file in etc/, so that none is created (and then updated
     * again by fileinstall) while its area starts: that restarted the area's components right after the first
     * start, and a node's routes went away for a moment.
     */
    @Test
    public void a_everyFeatureConfigurationShipsInEtcAndNoneIsUpdatedAtTheFirstStart() throws Exception {
        Path features;
        try (var files = Files.walk(server.home.resolve("system/io/armada/armada-features"))) {
            features = files.filter(f -> f.getFileName().toString().endsWith("-features.xml")).findFirst()
                    .orElseThrow();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<config name=\"([^\"]+)\"")
                .matcher(Files.readString(features));
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(m.group(1) + ".cfg in etc/", Files.isRegularFile(server.home.resolve("etc/" + m.group(1) + ".cfg")));
        }
        assertTrue("the features define configurations: " + n, n >= 5);
        for (Instance i : new Instance[] {server, node}) {
            String log = Files.readString(i.home.resolve("data/log/karaf.log"), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String line : log.split("\n")) {
                assertFalse(line, line.contains("Updating configuration {io.armada")
                        || line.contains("Updating configuration {org.ops4j.datasource-armada"));
            }
        }
    }

    @Test
    public void a_healthAnswersJsonFromTheFirstMomentTheServerListens() throws Exception {
        for (Instance i : new Instance[] {server, node}) {
            List<Http.Answer> seen = List.copyOf(i.startAnswers);
            assertFalse("no /health answer was seen during the start of " + i.home, seen.isEmpty());
            for (Http.Answer a : seen) {
                JsonNode h;
                try {
                    h = a.json(); // fails on Jetty's HTML 404
                } catch (AssertionError notJson) {
                    throw new AssertionError("during the start of " + i.home + ", after " + seen.indexOf(a)
                            + " JSON answers: " + notJson.getMessage());
                }
                String status = h.get("status").asText();
                assertTrue(a.toString(), (a.status() == 503 && status.equals("STARTING"))
                        || (a.status() == 200 && status.equals("UP")));
                assertFalse("the exact version is not public: " + a, h.has("version"));
            }
            assertEquals(200, seen.get(seen.size() - 1).status());
        }
    }

    /**
     * Security review H1: Config Admin kept a 0644 copy of the token file under data/. No file of either instance (nor
     * of the server's ARMADA_DATA) that holds its token may be readable by group or others, and etc/ and data/ are
     * private folders.
     */
    @Test
    public void a_noFileHoldingTheTokenIsReadableByOthers() throws Exception {
        int checked = 0;
        List<String> exposed = new java.util.ArrayList<>();
        Object[][] cases = {{server.home, serverToken()}, {serverData, serverToken()}, {node.home, NODE_TOKEN}};
        for (Object[] c : cases) {
            Path root = (Path) c[0];
            byte[] token = ((String) c[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (var walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String rel = root.relativize(p).toString();
                    // the archive's own jars cannot hold a token generated at first start; the lock is held open
                    if (!Files.isRegularFile(p) || rel.startsWith("system/") || rel.startsWith("lib/")
                            || Files.size(p) > 64L * 1024 * 1024) {
                        continue;
                    }
                    byte[] content;
                    try {
                        content = Files.readAllBytes(p);
                    } catch (java.io.IOException gone) {
                        continue; // removed meanwhile (tmp files)
                    }
                    checked++;
                    if (indexOf(content, token) >= 0) {
                        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                        if (!mode.substring(3).equals("------")) {
                            exposed.add(p + " " + mode);
                        }
                    }
                }
            }
        }
        assertTrue("no file was checked", checked > 0);
        assertTrue("files holding the token that others can read: " + exposed, exposed.isEmpty());
        for (Instance i : new Instance[] {server, node}) {
            for (String dir : new String[] {"etc", "data"}) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(i.home.resolve(dir)));
                assertEquals(i.home + "/" + dir, "rwx------", mode);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    public void b_eachInstanceListensOnItsHttpAndSshPortsOnly() throws Exception {
        assertEquals(Set.of(server.httpPort, server.sshPort), server.listeningPorts());
        assertEquals(Set.of(node.httpPort, node.sshPort), node.listeningPorts());
    }

    @Test
    public void c_oneShellCommandFromAScriptPrintsAndExitsWithItsStatus() throws Exception {
        Instance.Result token = server.shell("armada:token");
        assertEquals(token.output(), 0, token.exit());
        assertEquals(serverToken(), token.output().trim());

        Instance.Result list = server.shell("bundle:list -s -t 0");
        assertEquals(0, list.exit());
        assertTrue(list.output().contains("armada-core"));

        Instance.Result missing = server.shell("no-such:command");
        assertEquals(missing.output(), 1, missing.exit());

        Instance.Result refused = server.shell("-p", "not-the-token", "armada:token");
        assertEquals(refused.output(), 2, refused.exit());
    }

    @Test
    public void d_theNodeRoleRunsBesideTheServerWithoutADatabase() throws Exception {
        JsonNode health = node.http(null).get("/health").json();
        assertEquals("node", health.get("role").asText());
        assertEquals("server", server.http(null).get("/health").json().get("role").asText());
        Instance.Result bundles = node.shell("bundle:list -s -t 0");
        assertEquals(bundles.output(), 0, bundles.exit());
        for (String db : new String[] {"derby", "eclipse.persistence", "aries.jpa", "pax-jdbc", "armada-persistence"}) {
            assertFalse(db + " on the node", bundles.output().contains(db));
        }
        assertEquals(200, node.http(NODE_TOKEN).get("/openapi.json").status());
        assertEquals(401, node.http(serverToken()).get("/openapi.json").status());
    }

    @Test
    public void e_hotDeployedAreaAndAcknowledgedWritesSurviveKill9() throws Exception {
        String token = serverToken();
        Path jar = Path.of(System.getProperty("armada.testarea.jar"));
        Files.copy(jar, server.home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Http http = server.http(token);
        Http.await("the hot-deployed area", Duration.ofSeconds(60), () -> http.get("/testarea/notes").status() == 200);

        int n = 300;
        for (int i = 0; i < n; i++) {
            JsonNode r = http.post("/testarea/notes", "{\"text\":\"durable-" + i + "\"}").json();
            assertEquals(r.toString(), 0, r.get("status").asInt());
        }
        server.kill9();
        server.start();
        Http.await("the area after restart", Duration.ofSeconds(60), () -> http.get("/testarea/notes").status() == 200);
        JsonNode rows = http.get("/testarea/notes").json().get("data");
        int found = 0;
        for (JsonNode row : rows) {
            if (row.get("text").asText().startsWith("durable-")) {
                found++;
            }
        }
        assertEquals("acknowledged notes after kill -9", n, found);
        assertTrue("Derby lives under ARMADA_DATA", Files.isDirectory(serverData.resolve("derby")));

        // removed from deploy/, the area goes away
        Files.delete(server.home.resolve("deploy").resolve(jar.getFileName()));
        Http.await("the area removed with its jar", Duration.ofSeconds(60),
                () -> http.get("/testarea/notes").status() == 404);
    }

    @Test
    public void g_aFeaturesFileDroppedIntoDeployInstallsItsFeatures() throws Exception {
        String token = serverToken();
        Http http = server.http(token);
        Path features = Path.of(System.getProperty("armada.testarea.feature"));
        Path dropped = server.home.resolve("deploy/armada-testarea-features.xml");
        Files.copy(features, dropped, StandardCopyOption.REPLACE_EXISTING);
        Http.await("the area from a dropped features file", Duration.ofSeconds(90),
                () -> http.get("/testarea/egg/ping").status() == 200);
        Files.delete(dropped);
        // gone: the area's route is 404 while the others answer
        Http.await("the area gone with its features file, /health answering", Duration.ofSeconds(90),
                () -> http.get("/testarea/egg/ping").status() == 404
                        && server.http(null).get("/health").status() == 200);
    }

    @Test
    public void f_theRoleSticksToTheInstance() throws Exception {
        node.stop();
        node.env("ARMADA_ROLE", null);
        node.start();
        assertEquals("node", node.http(null).get("/health").json().get("role").asText());
    }

    @Test
    public void h_theNodeStartsWithClassDataSharingTheServerWithKarafsJaxpPatches() throws Exception {
        List<String> nodeArgs = arguments(node);
        List<String> serverArgs = arguments(server);
        assertFalse("node JVM patches a module: " + nodeArgs, nodeArgs.contains("--patch-module"));
        assertEquals("server JVM: " + serverArgs, 2, serverArgs.stream().filter("--patch-module"::equals).count());
        Path jdkArchive = Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");
        if (Files.exists(jdkArchive)) { // a JDK built without its default CDS archive has nothing to share
            String maps = Files.readString(Path.of("/proc/" + node.pid() + "/maps"));
            assertTrue("the node maps the JDK's CDS archive", maps.contains("classes.jsa"));
        }
        for (Instance i : new Instance[] {node, server}) {
            String log = Files.readString(i.home.resolve("data/log/karaf.log"));
            assertFalse("a Karaf activator failed", log.contains("Error starting karaf activator"));
        }
    }

    /**
     * The JVM's arguments as /proc has them. Not ProcessHandle.Info: on Linux the JDK gives no arguments at all when
     * the command line is 4,096 bytes or longer, and an instance's (its home named 19 times) passes that when it is
     * unpacked a few characters deeper (CI's clone path did).
     */
    private static List<String> arguments(Instance i) throws Exception {
        byte[] cmdline = Files.readAllBytes(Path.of("/proc/" + i.pid() + "/cmdline"));
        List<String> args = List.of(new String(cmdline, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
        assertTrue("the JVM's command line: " + args, args.size() > 1);
        return args.subList(1, args.size());
    }
}
