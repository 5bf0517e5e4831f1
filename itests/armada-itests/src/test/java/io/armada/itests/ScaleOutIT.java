package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.persistence.testing.Postgres;

/**
 * Two servers on one PostgreSQL (issue 18), each the distribution as a user gets it with README's data source file,
 * both started at the same moment on the empty database (both come up, each with its scheduler): what one writes the
 * other serves, for every area; node reports to either are online on both; 2,000 port
 * allocations from 20 clients spread over both never duplicate; jobs due once fire once; and a {@code kill -9} of one
 * under load leaves the other serving with every acknowledged write kept. The kill comes last (methods run by name).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ScaleOutIT {
    private static final String TOKEN = "it-scaleout-token-" + Long.toHexString(System.nanoTime());
    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static Postgres pg;
    private static Instance a;
    private static Instance b;

    @BeforeClass
    public static void start() throws Exception {
        pg = Postgres.start();
        pg.createDatabase("armada", "armada", PASSWORD);
        Path work = Path.of(System.getProperty("armada.itest.work", "target/it")).toAbsolutePath();
        a = server(work, "so-a");
        b = server(work, "so-b");
        // both started at the same moment on the empty database: one makes each table, the other waits or finds it
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService starts = Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> started = new ArrayList<>();
            for (Instance s : new Instance[] {a, b}) {
                started.add(starts.submit(() -> {
                    go.await();
                    s.start();
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> f : started) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            starts.shutdownNow();
        }
        awaitAreas(a);
        awaitAreas(b);
        for (Instance s : new Instance[] {a, b}) {
            Http.await("the scheduler started on " + s.home, DEADLINE, () -> log(s).contains("Scheduler started"));
            String log = log(s);
            assertFalse(log, log.contains("The scheduler did not start"));
        }
    }

    private static String log(Instance s) {
        try {
            return Files.readString(s.home.resolve("data/log/karaf.log"), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Instance server(Path work, String name) throws Exception {
        Instance s = Instance.unpack(work, name).env("ARMADA_TOKEN", TOKEN).env("ARMADA_DB_PASSWORD", PASSWORD)
                .env("ARMADA_DATA", work.resolve(name + "-data").toString());
        Instance.deleteTree(work.resolve(name + "-data"));
        Files.writeString(s.home.resolve("etc/org.ops4j.datasource-armada.cfg"), pg.dataSourceCfg("armada", "armada"));
        Files.writeString(s.home.resolve("etc/io.armada.scheduler.cfg"), "min.lead.seconds = 0\n");
        Files.writeString(s.home.resolve("etc/io.armada.agents.cfg"), "online.share.seconds = 1\n");
        return s;
    }

    private static void awaitAreas(Instance s) {
        Http h = s.http(TOKEN);
        Http.await("every area's routes on " + s.home, DEADLINE, () -> h.get("/egg/domain/list").status() == 200
                && h.get("/v1.0/schedulers").status() == 200 && h.get("/api/server_type_list").status() == 200
                && jobx(s).get("/api/jobx/project").status() == 200 && h.get("/v1.0/files").status() == 200
                && h.get("/v1.0/agents").status() == 200 && h.get("/v1.0/allagents").status() == 200);
    }

    @AfterClass
    public static void stop() throws Exception {
        try {
            for (Instance s : new Instance[] {a, b}) {
                if (s != null && s.running()) {
                    s.stop();
                }
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static Http jobx(Instance s) {
        return s.http(TOKEN).withHeaders(Map.of("appkey", TOKEN, "appname", "it@scaleout"));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode json(Http.Answer x, String field, int value) {
        assertEquals(x.toString(), 200, x.status());
        assertEquals(x.toString(), value, x.json().get(field).asInt());
        return x.json();
    }

    private static String report(String uuid, String host, int port, int cpus) {
        return "{\"hostname\":\"" + host + "\",\"ip\":\"127.0.0.1\",\"utc\":" + now() + ",\"type\":\"resource\","
                + "\"node_uuid\":\"" + uuid + "\",\"port\":" + port + ",\"ports_range\":[\"30000-40000\"],"
                + "\"data\":{\"cpu\":{\"numbers\":" + cpus + ",\"utilization\":1.0},"
                + "\"memory\":{\"available\":1,\"total\":2,\"utilization\":50.0},\"disk\":{}}}";
    }

    private static long reportTo(Instance s, String uuid, String host, int cpus) {
        return json(s.http(TOKEN).post("/v1.0/reports", report(uuid, host, 9, cpus)), "resultcode", 0).get("data")
                .get(0).get("agent_id").asLong();
    }

    @Test
    public void a1WhatOneServerWritesTheOtherServes() {
        Http ha = a.http(TOKEN);
        Http hb = b.http(TOKEN);
        // block lists, both ways
        String d1 = "so-a-" + System.nanoTime() + ".example.com";
        String d2 = "so-b-" + System.nanoTime() + ".example.com";
        json(ha.post("/egg/domain/add", "{\"domain\":\"" + d1 + "\"}"), "status", 0);
        json(hb.post("/egg/domain/add", "{\"domain\":\"" + d2 + "\"}"), "status", 0);
        assertTrue(hb.get("/egg/domain/list").body().contains(d1));
        assertTrue(ha.get("/egg/domain/list").body().contains(d2));
        // files
        String md5 = String.format("%032x", System.nanoTime());
        json(hb.post("/v1.0/files", "{\"md5\":\"" + md5 + "\",\"address\":\"http://10.0.0.9/pkg/app.tgz\","
                + "\"size\":1234,\"desc\":\"so\"}"), "resultcode", 0);
        json(ha.get("/v1.0/files/" + md5), "resultcode", 0);
        // tars
        String template = "so" + System.nanoTime() + ".base";
        json(ha.post("/api/add_profile_template", "{\"template_name\":\"" + template + "\",\"parents_name\":\"\","
                + "\"profile\":\"<tars>\\n<application>\\na=1\\n</application>\\n</tars>\"}"), "ret_code", 200);
        assertTrue(hb.get("/api/profile_template?template_name=" + template).body().contains(template));
        // jobs
        String project = "so-" + System.nanoTime();
        assertTrue(jobx(b).post("/api/jobx/project", "{\"name\":\"" + project + "\",\"nodes\":[\"10.9.0.1\"]}").json()
                .get("stat").asBoolean());
        assertTrue(jobx(a).get("/api/jobx/project").body().contains(project));
        // scheduler: a job created on one is shown by the other
        long job = json(ha.post("/v1.0/schedulers", "{\"jobs\":[{\"executor\":\"http\",\"kwargs\":{\"method\":"
                + "\"GET\",\"path\":\"/health\"}}],\"start\":" + (now() + 3600) + ",\"times\":1,\"interval\":1,"
                + "\"retry\":0,\"revertall\":false,\"desc\":\"so\"}"), "resultcode", 0).get("data").get(0)
                .get("job_id").asLong();
        json(hb.get("/v1.0/schedulers/" + job), "resultcode", 0);
        // agents: a node reporting to either is an agent, online with its figures, on both
        String ux = "so-node-x-" + System.nanoTime();
        String uy = "so-node-y-" + System.nanoTime();
        long x = reportTo(a, ux, "so-host-x", 3);
        long y = reportTo(b, uy, "so-host-y", 5);
        for (Instance s : new Instance[] {a, b}) {
            Http.await("agents " + x + " and " + y + " online with their figures on " + s.home, DEADLINE, () -> {
                String ax = s.http(TOKEN).get("/v1.0/agents/" + x).body();
                String ay = s.http(TOKEN).get("/v1.0/agents/" + y).body();
                return ax.contains("\"online\":true") && ax.contains("\"numbers\":3")
                        && ay.contains("\"online\":true") && ay.contains("\"numbers\":5");
            });
        }
        // the node of y now reports to the other server: its new figures reach the first
        assertEquals(y, reportTo(a, uy, "so-host-y", 7));
        Http.await("agent " + y + "'s new figures on the other server", DEADLINE,
                () -> b.http(TOKEN).get("/v1.0/agents/" + y).body().contains("\"numbers\":7"));
    }

    @Test
    public void a15AnAsyncRequestSentByOneServerIsFinishedByAnAnswerPostedToTheOther() {
        // the node answers nothing on its port: only the answer posted to the other server can finish the request
        long x = reportTo(a, "so-async-" + System.nanoTime(), "so-async-host", 2);
        json(a.http(TOKEN).send("PATCH", "/v1.0/agents/" + x + "/active", "{\"status\":1}", "application/json"),
                "resultcode", 0);
        long t = now();
        String id = json(a.http(TOKEN).send("GET", "/v1.0/agents/" + x + "/status", "{\"request_time\":" + t
                + ",\"finishtime\":" + (t + 120) + ",\"deadline\":" + (t + 180) + ",\"expire\":0}",
                "application/json"), "resultcode", 0).get("data").get(0).get("request_id").asText();
        json(b.http(TOKEN).post("/v1.0/asyncrequests/" + id + "/response", "{\"agent_id\":" + x + ",\"agent_time\":"
                + now() + ",\"resultcode\":0,\"result\":\"answered through b\"}"), "resultcode", 0);
        // finished by the sender long before its finish time (two minutes away)
        Http.await("the request finished on the server that sent it", Duration.ofSeconds(60), () -> {
            JsonNode r = a.http(TOKEN).get("/v1.0/asyncrequests/" + id).json().get("data").get(0);
            return r.get("status").asInt() == 1;
        });
        JsonNode done = json(a.http(TOKEN).get("/v1.0/asyncrequests/" + id), "resultcode", 0)
                .get("data").get(0);
        assertEquals(done.toString(), 0, done.get("resultcode").asInt());
        assertTrue(done.toString(), now() < t + 120);
    }

    @Test
    public void a2PortAllocationsThroughBothServersNeverDuplicate() throws Exception {
        int agents = 5;
        int clients = 20;
        int each = 100; // 2,000 in all
        Instance[] servers = {a, b};
        long[] agentIds = new long[agents];
        for (int n = 0; n < agents; n++) {
            agentIds[n] = reportTo(servers[n % 2], "so-ports-" + n + "-" + System.nanoTime(), "so-ports-" + n, 2);
            json(servers[n % 2].http(TOKEN).send("PATCH", "/v1.0/agents/" + agentIds[n] + "/active", "{\"status\":1}",
                    "application/json"), "resultcode", 0);
            json(servers[(n + 1) % 2].http(TOKEN).post("/v1.0/agent/" + agentIds[n] + "/endpoints",
                    "{\"endpoints\":[\"so\"]}"), "resultcode", 0);
        }
        long[][] entity = new long[clients][agents];
        for (int c = 0; c < clients; c++) {
            for (int n = 0; n < agents; n++) {
                entity[c][n] = json(servers[c % 2].http(TOKEN).post("/v1.0/agent/" + agentIds[n]
                        + "/endpoint/so/entitys", "{\"notify\":false}"), "resultcode", 0).get("data").get(0)
                        .get("entity").asLong();
            }
        }
        Map<Long, Set<Integer>> got = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch finished = new CountDownLatch(clients);
        Pattern port = Pattern.compile("\"ports\":\\[(\\d+)\\]");
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                try {
                    for (int k = 0; k < each; k++) {
                        int n = (k + client) % agents;
                        Http h = servers[(k + client) % 2].http(TOKEN); // alternate servers, call by call
                        Http.Answer r = h.post("/v1.0/agent/" + agentIds[n] + "/endpoint/so/entity/"
                                + entity[client][n] + "/ports", "{\"ports\":[null]}");
                        Matcher m = port.matcher(r.body());
                        if (r.status() != 200 || !m.find()) {
                            errors.add(r.toString());
                            continue;
                        }
                        if (!got.computeIfAbsent(agentIds[n], x -> ConcurrentHashMap.newKeySet())
                                .add(Integer.parseInt(m.group(1)))) {
                            duplicates.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        assertTrue("the clients ended", finished.await(600, TimeUnit.SECONDS));
        pool.shutdownNow();
        assertEquals("errors: " + errors.subList(0, Math.min(5, errors.size())), 0, errors.size());
        assertEquals(clients * each, done.get());
        assertEquals(0, duplicates.get());
        // the servers' own view: every agent's ports distinct, the same through both
        int stored = 0;
        for (long id : agentIds) {
            for (Instance s : servers) {
                Matcher m = Pattern.compile("\"port\":(\\d+)").matcher(json(s.http(TOKEN).get("/v1.0/agent/" + id
                        + "/ports"), "resultcode", 0).toString());
                Set<Integer> seen = new HashSet<>();
                int n = 0;
                while (m.find()) {
                    n++;
                    assertTrue("port " + m.group(1) + " of agent " + id + " twice", seen.add(Integer.parseInt(m.group(1))));
                }
                assertEquals(got.get(id), seen);
                if (s == a) {
                    stored += n;
                }
            }
        }
        assertEquals(clients * each, stored);
    }

    @Test
    public void a3JobsDueOnceFireOnceAcrossBothServers() {
        int jobs = 6;
        List<Long> ids = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        long start = now() + 3;
        for (int n = 0; n < jobs; n++) {
            Instance s = n % 2 == 0 ? a : b;
            String domain = "so-fired-" + n + "-" + System.nanoTime() + ".example.com";
            domains.add(domain);
            ids.add(json(s.http(TOKEN).post("/v1.0/schedulers", "{\"jobs\":[{\"executor\":\"http\",\"kwargs\":"
                    + "{\"method\":\"POST\",\"path\":\"/egg/domain/add\",\"body\":{\"domain\":\"" + domain + "\"}}}],"
                    + "\"start\":" + start + ",\"times\":1,\"interval\":1,\"retry\":0,\"revertall\":false,"
                    + "\"desc\":\"so\"}"), "resultcode", 0).get("data").get(0).get("job_id").asLong());
        }
        for (long id : ids) {
            Http.await("job " + id + " finished", DEADLINE, () -> "finished".equals(json(a.http(TOKEN)
                    .get("/v1.0/schedulers/" + id), "resultcode", 0).get("data").get(0).get("state").asText()));
        }
        String list = a.http(TOKEN).get("/egg/domain/list").body();
        for (int n = 0; n < jobs; n++) {
            long id = ids.get(n);
            JsonNode job = json(b.http(TOKEN).get("/v1.0/schedulers/" + id), "resultcode", 0).get("data").get(0);
            assertEquals("runs of job " + id + ": " + job, 1, job.get("runs").size());
            assertTrue(list.contains(domains.get(n)));
        }
    }

    @Test
    public void a4AKill9OfOneServerUnderLoadLeavesTheOtherServingWithEveryAcknowledgedWriteKept() throws Exception {
        int clients = 8;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failuresOnB = new AtomicInteger();
        AtomicInteger sentAfterKill = new AtomicInteger();
        AtomicLong sequence = new AtomicLong();
        CountDownLatch someDone = new CountDownLatch(200);
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> bErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch finished = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                try {
                    for (int k = 0; k < 5_000 && !stop.get(); k++) {
                        boolean toA = (k + client) % 2 == 0;
                        Instance s = toA ? a : b;
                        String domain = "so-load-" + sequence.incrementAndGet() + ".example.com";
                        boolean after = killed.get();
                        Http.Answer r = s.http(TOKEN).post("/egg/domain/add", "{\"domain\":\"" + domain + "\"}");
                        if (r.status() == 200 && r.json().get("status").asInt() == 0) {
                            acknowledged.add(domain);
                            someDone.countDown();
                        } else if (!toA) {
                            failuresOnB.incrementAndGet();
                            bErrors.add(r.toString());
                        }
                        if (after && !toA) {
                            sentAfterKill.incrementAndGet();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        assertTrue("load under way", someDone.await(120, TimeUnit.SECONDS));
        a.kill9();
        killed.set(true);
        Http.await("requests served by the survivor after the kill", DEADLINE, () -> sentAfterKill.get() >= 200);
        stop.set(true);
        assertTrue(finished.await(120, TimeUnit.SECONDS));
        pool.shutdownNow();
        assertEquals("the survivor refused: " + bErrors.subList(0, Math.min(5, bErrors.size())), 0,
                failuresOnB.get());
        String list = b.http(TOKEN).get("/egg/domain/list").body();
        int missing = 0;
        for (String d : acknowledged) {
            if (!list.contains("\"" + d + "\"")) {
                missing++;
            }
        }
        assertTrue(acknowledged.size() >= 200);
        assertEquals("acknowledged domains lost of " + acknowledged.size(), 0, missing);
    }
}
