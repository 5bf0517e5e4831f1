package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Block lists and counters (seed 004, SPEC §9) on the server role: every route, bad input for each (egg error, nothing
 * written, nothing counted), the counting rule under concurrency, each bundle stopped (and the counters uninstalled
 * and installed later) while the other keeps working, and the shell commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BlocklistsIT extends ArmadaKarafTestSupport {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String DOMAIN = "counter_for_domain";
    private static final String PROCESS = "counter_for_process";

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    /** Both areas up (a previous test may have stopped, uninstalled or refreshed one of them). */
    @Before
    public void bothAreasServe() {
        awaitSettled();
        Http.await("block list and counter routes", DEADLINE,
                () -> http().get("/egg/domain/list").status() == 200 && http().get("/egg/counter/list").status() == 200);
    }

    // ------------------------------------------------------------------------------------------------ routes

    @Test
    public void domainRoutesWorkAndEachCommittedChangeCountsOnce() {
        long c0 = counter(DOMAIN);
        long p0 = counter(PROCESS);
        String name = unique("ads") + ".example.com";

        JsonNode row = ok(http().post("/egg/domain/add", "{\"domain\":\"  " + name + " \"}")).get("data");
        long id = row.get("id").asLong();
        assertEquals(name, row.get("domain").asText());
        assertEquals(List.of("id", "domain"), fields(row));
        assertEquals(c0 + 1, counter(DOMAIN));

        assertTrue(ids(ok(http().get("/egg/domain/list")).get("data")).contains(id));
        JsonNode one = ok(http().get("/egg/domain/list?id=" + id));
        assertEquals("list domain ok", one.get("msg").asText());
        assertEquals(1, one.get("data").size());
        assertEquals(name, one.get("data").get(0).get("domain").asText());
        // the id may come in a JSON body on GET, and list answers POST too
        assertEquals(1, ok(http().send("GET", "/egg/domain/list", "{\"id\":" + id + "}", "application/json"))
                .get("data").size());
        assertEquals(1, ok(http().post("/egg/domain/list", "{\"id\":" + id + "}")).get("data").size());

        String url = "http://" + name + "/banner?x=1";
        JsonNode updated = ok(http().post("/egg/domain/update", "{\"id\":" + id + ",\"domain\":\"" + url + "\"}"));
        assertEquals("update domain ok", updated.get("msg").asText());
        assertEquals(url, updated.get("data").get("domain").asText());
        assertEquals(c0 + 2, counter(DOMAIN));

        JsonNode deleted = ok(http().post("/egg/domain/delete", "{\"id\":" + id + "}"));
        assertEquals(id, deleted.get("data").get("id").asLong());
        assertEquals(c0 + 3, counter(DOMAIN));
        refused(http().get("/egg/domain/list?id=" + id));
        assertFalse(ids(ok(http().get("/egg/domain/list")).get("data")).contains(id));

        assertEquals("the other list's counter did not move", p0, counter(PROCESS));
    }

    @Test
    public void processRoutesWorkAndEachCommittedChangeCountsOnce() {
        long c0 = counter(PROCESS);
        long d0 = counter(DOMAIN);
        String name = unique("miner") + ".exe";

        JsonNode row = ok(http().post("/egg/process/add",
                "{\"process\":\"" + name + "\",\"signature\":\"Evil Corp\"}")).get("data");
        long id = row.get("id").asLong();
        assertEquals(List.of("id", "process", "signature"), fields(row));
        assertEquals("Evil Corp", row.get("signature").asText());

        JsonNode sig = ok(http().post("/egg/process/update", "{\"id\":" + id + ",\"signature\":\"ABCDEF0123\"}"));
        assertEquals(name, sig.get("data").get("process").asText());
        assertEquals("ABCDEF0123", sig.get("data").get("signature").asText());
        JsonNode renamed = ok(http().post("/egg/process/update", "{\"id\":" + id + ",\"process\":\"x" + name + "\"}"));
        assertEquals("x" + name, renamed.get("data").get("process").asText());
        assertEquals("ABCDEF0123", renamed.get("data").get("signature").asText());
        JsonNode both = ok(http().post("/egg/process/update",
                "{\"id\":" + id + ",\"process\":\"" + name + "\",\"signature\":\"s2\"}"));
        assertEquals("s2", both.get("data").get("signature").asText());

        JsonNode listed = ok(http().get("/egg/process/list?id=" + id)).get("data");
        assertEquals(1, listed.size());
        assertEquals(name, listed.get(0).get("process").asText());
        assertTrue(ids(ok(http().get("/egg/process/list")).get("data")).contains(id));

        ok(http().post("/egg/process/delete", "{\"id\":" + id + "}"));
        assertEquals("add, three updates and a delete", c0 + 5, counter(PROCESS));
        assertEquals(d0, counter(DOMAIN));
        refused(http().post("/egg/process/delete", "{\"id\":" + id + "}"));
    }

    @Test
    public void counterRoutesIncrementAndList() {
        JsonNode list = ok(http().get("/egg/counter/list"));
        assertEquals(List.of(DOMAIN, PROCESS), fields(list.get("data")));
        long d = list.get("data").get(DOMAIN).asLong();
        long p = list.get("data").get(PROCESS).asLong();

        JsonNode up = ok(http().post("/egg/counter/update", "{\"field\":\"counter_for_process\"}"));
        assertEquals(p + 1, up.get("data").get(PROCESS).asLong());
        ok(http().post("/egg/counter/update", "{\"field\":\"counter_for_domain\"}"));
        assertEquals(d + 1, counter(DOMAIN));
        assertEquals(p + 1, counter(PROCESS));
    }

    @Test
    public void routesNeedTheTokenAndAreListedInHealthAndOpenApi() {
        for (String path : new String[] {"/egg/domain/list", "/egg/process/list", "/egg/counter/list"}) {
            Http.Answer a = anonymous().get(path);
            assertEquals(a.toString(), 200, a.status());
            assertEquals("{\"status\":1,\"msg\":\"not logged in\"}", a.body());
        }
        assertEquals(1, anonymous().post("/egg/domain/add", "{\"domain\":\"anon.example.com\"}").json()
                .get("status").asInt());
        String areas = anonymous().get("/health").json().get("areas").toString();
        assertTrue(areas, areas.contains("\"blocklists\"") && areas.contains("\"counters\""));
        JsonNode paths = http().get("/openapi.json").json().get("paths");
        for (String p : new String[] {"/egg/domain/add", "/egg/domain/update", "/egg/domain/delete", "/egg/process/add",
            "/egg/process/update", "/egg/process/delete", "/egg/counter/update"}) {
            assertNotNull(p, paths.get(p).get("post"));
        }
        for (String p : new String[] {"/egg/domain/list", "/egg/process/list", "/egg/counter/list"}) {
            assertNotNull(p, paths.get(p).get("get"));
        }
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @Test
    public void badInputIsAnEggErrorAndChangesAndCountsNothing() {
        String dup = unique("dup") + ".example.com";
        long existing = ok(http().post("/egg/domain/add", "{\"domain\":\"" + dup + "\"}")).get("data").get("id").asLong();
        String other = unique("other") + ".example.com";
        long otherId = ok(http().post("/egg/domain/add", "{\"domain\":\"" + other + "\"}")).get("data").get("id").asLong();
        String proc = unique("p") + ".exe";
        long pid = ok(http().post("/egg/process/add", "{\"process\":\"" + proc + "\",\"signature\":\"sig\"}"))
                .get("data").get("id").asLong();
        long pid2 = ok(http().post("/egg/process/add", "{\"process\":\"" + proc + "\",\"signature\":\"sig2\"}"))
                .get("data").get("id").asLong();
        String before = state();

        String big = "{\"domain\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}";
        String long254 = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".abcdefghij";
        assertEquals(254, long254.length());
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("/egg/domain/add", new String[] {
            "", "{}", "{\"domain\":\"\"}", "{\"domain\":\"   \"}", "{\"domain\":null}", "{\"domain\":\"" + long254 + "\"}",
            "{\"domain\":\"" + dup.toUpperCase() + "\"}", "{\"domain\":\"not a domain\"}", "{\"domain\":\"-x.com\"}",
            "{\"domain\":5}", "{\"domain\":[\"a.com\"]}", "{\"domain\":{\"a\":1}}", "{\"domain\":", "[1,2]",
            "{\"domain\":\"a.com\"} trailing", "{\"domain\":\"a.com\",\"domain\":\"b.com\"}", big});
        cases.put("/egg/domain/update", new String[] {
            "", "{}", "{\"domain\":\"x.example.com\"}", "{\"id\":" + otherId + "}", "{\"id\":" + otherId + ",\"domain\":\"\"}",
            "{\"id\":" + otherId + ",\"domain\":\"" + dup + "\"}", "{\"id\":999999999,\"domain\":\"x.example.com\"}",
            "{\"id\":0,\"domain\":\"x.example.com\"}", "{\"id\":-1,\"domain\":\"x.example.com\"}",
            "{\"id\":\"abc\",\"domain\":\"x.example.com\"}", "{\"id\":1.5,\"domain\":\"x.example.com\"}",
            "{\"id\":true,\"domain\":\"x.example.com\"}", "{\"id\":" + otherId + ",\"domain\":\"" + long254 + "\"}",
            "{\"id\":", big});
        cases.put("/egg/domain/delete", new String[] {
            "", "{}", "{\"id\":null}", "{\"id\":999999999}", "{\"id\":0}", "{\"id\":\"x\"}", "{\"id\":[1]}", "{", big});
        cases.put("/egg/process/add", new String[] {
            "", "{}", "{\"process\":\"a.exe\"}", "{\"signature\":\"s\"}", "{\"process\":\"\",\"signature\":\"s\"}",
            "{\"process\":\"a.exe\",\"signature\":\"  \"}", "{\"process\":\"" + "p".repeat(256) + "\",\"signature\":\"s\"}",
            "{\"process\":\"a.exe\",\"signature\":\"" + "s".repeat(1025) + "\"}",
            "{\"process\":\"" + proc.toUpperCase() + "\",\"signature\":\"SIG\"}", "{\"process\":1,\"signature\":\"s\"}",
            "{\"process\":\"a\\u0001b\",\"signature\":\"s\"}", "{\"process\":", big});
        cases.put("/egg/process/update", new String[] {
            "", "{}", "{\"id\":" + pid + "}", "{\"id\":" + pid + ",\"process\":\"\"}",
            "{\"id\":" + pid2 + ",\"signature\":\"SIG\"}", "{\"id\":999999999,\"process\":\"x.exe\"}",
            "{\"id\":" + pid + ",\"signature\":\"" + "s".repeat(1025) + "\"}", "{\"id\":\"x\",\"process\":\"x.exe\"}",
            "{\"id\":" + pid + ",\"signature\":false}", "not json", big});
        cases.put("/egg/process/delete", new String[] {"", "{}", "{\"id\":999999999}", "{\"id\":\"p\"}", "}", big});
        cases.put("/egg/counter/update", new String[] {
            "", "{}", "{\"field\":\"\"}", "{\"field\":\"counter_for_host\"}", "{\"field\":\"COUNTER_FOR_DOMAIN\"}",
            "{\"field\":1}", "{\"field\":[\"counter_for_domain\"]}", "{\"field\":", big});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            for (String body : c.getValue()) {
                String what = c.getKey() + " " + (body.length() > 80 ? body.substring(0, 80) + "..." : body);
                refused(what, http().post(c.getKey(), body));
            }
        }
        for (String q : new String[] {"abc", "0", "-5", "999999999", "1.5", ""}) {
            refused("domain list ?id=" + q, http().get("/egg/domain/list?id=" + q));
            refused("process list ?id=" + q, http().get("/egg/process/list?id=" + q));
        }
        refused("list body id", http().send("GET", "/egg/domain/list", "{\"id\":\"x\"}", "application/json"));
        refused("unknown id in a list body", http().send("GET", "/egg/process/list", "{\"id\":999999999}", "application/json"));

        assertEquals("bad input changed or counted something", before, state());
        assertEquals(dup, ok(http().get("/egg/domain/list?id=" + existing)).get("data").get(0).get("domain").asText());
        // and the server keeps serving
        ok(http().get("/egg/counter/list"));
    }

    // ------------------------------------------------------------------------------------------------ counting

    @Test
    public void twentyConcurrentClientsEachChangeIsCountedExactlyOnce() throws Exception {
        int clients = 20;
        int each = 10;
        long d0 = counter(DOMAIN);
        long p0 = counter(PROCESS);
        String prefix = unique("c");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        ok(http().post("/egg/domain/add", "{\"domain\":\"" + prefix + "-" + client + "-" + i + ".example.com\"}"));
                        ok(http().post("/egg/counter/update", "{\"field\":\"counter_for_process\"}"));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(d0 + (long) clients * each, counter(DOMAIN));
        assertEquals(p0 + (long) clients * each, counter(PROCESS));
        long added = 0;
        for (JsonNode row : ok(http().get("/egg/domain/list")).get("data")) {
            if (row.get("domain").asText().startsWith(prefix + "-")) {
                added++;
            }
        }
        assertEquals((long) clients * each, added);
    }

    // ------------------------------------------------------------------------------------------------ live swaps

    @Test
    public void blockListsWorkWithTheCountersStoppedAndCountAgainWhenTheyReturn() throws Exception {
        long d0 = counter(DOMAIN);
        long p0 = counter(PROCESS);
        Bundle counters = bundle("armada-counters");
        counters.stop();
        try {
            Http.await("counter routes gone", DEADLINE, () -> http().get("/egg/counter/list").status() == 404);
            JsonNode row = ok(http().post("/egg/domain/add", "{\"domain\":\"" + unique("nc") + ".example.com\"}"));
            long id = row.get("data").get("id").asLong();
            ok(http().post("/egg/domain/update", "{\"id\":" + id + ",\"domain\":\"" + unique("nc2") + ".example.com\"}"));
            ok(http().post("/egg/process/add", "{\"process\":\"" + unique("nc") + ".exe\",\"signature\":\"s\"}"));
            assertEquals(1, ok(http().get("/egg/domain/list?id=" + id)).get("data").size());
            assertEquals(200, anonymous().get("/health").status());
        } finally {
            counters.start();
        }
        Http.await("counter routes back", DEADLINE, () -> http().get("/egg/counter/list").status() == 200);
        // the uncounted changes are not counted one by one, but each list's counter moves when the counters return
        Http.await("one bump of each counter", DEADLINE, () -> counter(DOMAIN) == d0 + 1 && counter(PROCESS) == p0 + 1);
        ok(http().post("/egg/domain/add", "{\"domain\":\"" + unique("back") + ".example.com\"}"));
        assertEquals(d0 + 2, counter(DOMAIN));
    }

    @Test
    public void countersWorkWithTheBlockListsStopped() throws Exception {
        Bundle blocklists = bundle("armada-blocklists");
        blocklists.stop();
        long d0;
        try {
            Http.await("block list routes gone", DEADLINE, () -> http().get("/egg/domain/list").status() == 404);
            assertEquals(404, http().post("/egg/process/add", "{\"process\":\"a\",\"signature\":\"b\"}").status());
            d0 = counter(DOMAIN);
            assertEquals(d0 + 1, ok(http().post("/egg/counter/update", "{\"field\":\"counter_for_domain\"}"))
                    .get("data").get(DOMAIN).asLong());
            assertFalse(anonymous().get("/health").body().contains("blocklists"));
        } finally {
            blocklists.start();
        }
        Http.await("block list routes back", DEADLINE, () -> http().get("/egg/domain/list").status() == 200);
        // starting, the block lists bump both counters once
        long expected = d0 + 2;
        Http.await("the start bump", DEADLINE, () -> counter(DOMAIN) == expected);
    }

    @Test
    public void blockListsWorkWithTheCountersUninstalledAndCountOnceTheyAreInstalledLater() throws Exception {
        Bundle counters = bundle("armada-counters");
        String location = counters.getLocation();
        long d0 = counter(DOMAIN);
        counters.uninstall();
        refreshRemovalPending();
        Http.await("block list routes after the refresh", DEADLINE, () -> http().get("/egg/domain/list").status() == 200);
        assertEquals(404, http().get("/egg/counter/list").status());
        String name = unique("nocounters") + ".example.com";
        long id = ok(http().post("/egg/domain/add", "{\"domain\":\"" + name + "\"}")).get("data").get("id").asLong();
        ok(http().post("/egg/domain/delete", "{\"id\":" + id + "}"));
        ok(http().post("/egg/process/add", "{\"process\":\"" + unique("nc") + ".exe\",\"signature\":\"s\"}"));

        // installed later: no refresh of the block lists needed, counting starts with one bump
        Bundle again = bundleContext.installBundle(location);
        again.start();
        Http.await("counter routes after install", DEADLINE, () -> http().get("/egg/counter/list").status() == 200);
        Http.await("the bump when the counters appear", DEADLINE, () -> counter(DOMAIN) >= d0 + 1);
        long c1 = counter(DOMAIN);
        assertEquals(d0 + 1, c1);
        ok(http().post("/egg/domain/add", "{\"domain\":\"" + unique("counted") + ".example.com\"}"));
        assertEquals(c1 + 1, counter(DOMAIN));
    }

    // ------------------------------------------------------------------------------------------------ shell

    @Test
    public void shellCommandsRun() throws Exception {
        String name = unique("shell") + ".example.com";
        long d0 = counter(DOMAIN);
        String added = shell("blocklist:domain-add " + name);
        assertTrue(added, added.contains(name));
        long id = Long.parseLong(added.lines().filter(l -> l.contains(name)).findFirst().orElseThrow()
                .split("\\|")[0].trim());
        assertTrue(shell("blocklist:domain-list").contains(name));
        assertTrue(shell("blocklist:domain-list " + id).contains(name));
        assertTrue(shell("blocklist:domain-update " + id + " x" + name).contains("x" + name));
        assertTrue(shell("blocklist:domain-delete " + id).contains("x" + name));
        assertFalse(shell("blocklist:domain-list").contains("x" + name));
        assertEquals(d0 + 3, counter(DOMAIN));
        expectShellError("blocklist:domain-delete " + id, "no domain with id " + id);
        expectShellError("blocklist:domain-add " + "not_a-domain-", "domain must be a host name or a URL");

        String proc = unique("shell") + ".exe";
        String padd = shell("blocklist:process-add " + proc + " \"Evil Corp Ltd\"");
        assertTrue(padd, padd.contains(proc) && padd.contains("Evil Corp Ltd"));
        long pid = Long.parseLong(padd.lines().filter(l -> l.contains(proc)).findFirst().orElseThrow()
                .split("\\|")[0].trim());
        assertTrue(shell("blocklist:process-update -s abc123 " + pid).contains("abc123"));
        assertTrue(shell("blocklist:process-update --process y" + proc + " " + pid).contains("y" + proc));
        assertTrue(shell("blocklist:process-list " + pid).contains("abc123"));
        assertTrue(shell("blocklist:process-list").contains("y" + proc));
        assertTrue(shell("blocklist:process-delete " + pid).contains("y" + proc));
        expectShellError("blocklist:process-update " + pid, "process or signature is required");

        String show = shell("counter:show");
        assertTrue(show, show.contains(DOMAIN) && show.contains(PROCESS));
        long p0 = counter(PROCESS);
        assertEquals(PROCESS + " = " + (p0 + 1), shell("counter:bump " + PROCESS).trim());
        expectShellError("counter:bump nope", "field must be");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void expectShellError(String command, String message) {
        try {
            String out = shell(command);
            fail(command + " succeeded: " + out);
        } catch (Exception e) {
            assertTrue(command + ": " + e, String.valueOf(e.getMessage()).contains(message));
        }
    }

    /** What bundle:refresh does after an uninstall: rewire the removal-pending bundle's dependents. */
    private void refreshRemovalPending() throws InterruptedException {
        FrameworkWiring wiring = bundleContext.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring.refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh in time", refreshed.await(DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }

    /** Both lists and both counters, as the API answers them. */
    private String state() {
        return ok(http().get("/egg/domain/list")).toString() + ok(http().get("/egg/process/list"))
                + ok(http().get("/egg/counter/list"));
    }

    private long counter(String field) {
        return ok(http().get("/egg/counter/list")).get("data").get(field).asLong();
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    private static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 0, j.get("status").asInt());
        return j;
    }

    private static void refused(Http.Answer a) {
        refused("", a);
    }

    /** The egg error: HTTP 200, {@code {"status":1,"msg":"..."}} and nothing else. */
    private static void refused(String what, Http.Answer a) {
        String ctx = what + " -> " + (a.body().length() > 300 ? a.body().substring(0, 300) : a.body());
        assertEquals(ctx, 200, a.status());
        JsonNode j = a.json();
        assertEquals(ctx, 1, j.get("status").asInt());
        assertFalse(ctx, j.get("msg").asText().isBlank());
        assertFalse(ctx, j.has("data"));
    }
}
