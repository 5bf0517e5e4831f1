import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Load client and node simulator for bench/agents.sh (not part of the product). Run with the JDK's single-file
 * launcher:
 *
 * <pre>
 *   java AgentsBench.java fanout &lt;base url&gt; &lt;token&gt; &lt;server pid&gt; &lt;nodes&gt; &lt;run&gt;
 *   java AgentsBench.java ports  &lt;base url&gt; &lt;token&gt; &lt;agents&gt; &lt;clients&gt; &lt;allocations&gt; &lt;run&gt;
 * </pre>
 *
 * Each prints one result line starting with FANOUT or PORTS (key=value pairs) for the script to collect.
 */
public class AgentsBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        base = args[1];
        token = args[2];
        switch (args[0]) {
            case "fanout" -> fanout(Long.parseLong(args[3]), Integer.parseInt(args[4]), args[5]);
            case "ports" -> ports(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    args[6]);
            case "create" -> create(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("fanout or ports");
        }
    }

    // ------------------------------------------------------------------ HTTP

    record Answer(int status, String body) {
    }

    static Answer call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("X-Armada-Token", token).header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    static Answer ok(String method, String path, String json) throws IOException, InterruptedException {
        Answer a = call(method, path, json);
        if (a.status() != 200 || !a.body().contains("\"resultcode\":0")) {
            throw new IllegalStateException(method + " " + path + " -> " + a.status() + " " + a.body());
        }
        return a;
    }

    static long number(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return Long.parseLong(m.group(1));
    }

    static String text(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return m.group(1);
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String report(String uuid, String host, int port, String range) {
        return "{\"hostname\":\"" + host + "\",\"ip\":\"127.0.0.1\",\"utc\":" + now() + ",\"type\":\"resource\","
                + "\"node_uuid\":\"" + uuid + "\",\"port\":" + port + ",\"ports_range\":[\"" + range + "\"],"
                + "\"data\":{\"cpu\":{\"numbers\":4,\"utilization\":12.5},\"memory\":{\"available\":4958343168,"
                + "\"total\":8589934592,\"utilization\":42.0},\"disk\":{\"/\":{\"type\":0,\"total\":107374182400,"
                + "\"used\":10737418240,\"utilization\":10.0}},\"diskio\":{},\"networkio\":{}}}";
    }

    /** Ids as Goperation's path value: ranges a-b joined by commas. */
    static String ranges(TreeSet<Long> ids) {
        StringBuilder sb = new StringBuilder();
        Long start = null;
        Long prev = null;
        for (Long id : ids) {
            if (start == null) {
                start = id;
            } else if (id != prev + 1) {
                sb.append(sb.length() == 0 ? "" : ",").append(start.equals(prev) ? "" + start : start + "-" + prev);
                start = id;
            }
            prev = id;
        }
        if (start != null) {
            sb.append(sb.length() == 0 ? "" : ",").append(start.equals(prev) ? "" + start : start + "-" + prev);
        }
        return sb.toString();
    }

    /** The server's threads by name (digits folded), most frequent first: what the maximum was made of. */
    static String census(long pid) {
        java.util.Map<String, Integer> byName = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(t -> {
                try {
                    String name = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+", "N");
                    byName.merge(name, 1, Integer::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
        StringBuilder sb = new StringBuilder();
        byName.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey()));
        return sb.toString();
    }

    static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    // ------------------------------------------------------------------ first reports

    /** The first resource report of each of N nodes (the same bodies as reports.lua): agent rows created per second. */
    static void create(int nodes, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                try {
                    for (int n = next.getAndIncrement(); n < nodes; n = next.getAndIncrement()) {
                        String body = String.format("{\"hostname\":\"bench-node-%05d\",\"ip\":\"10.%d.%d.%d\",\"utc\":%d,"
                                + "\"type\":\"resource\",\"node_uuid\":\"bench-uuid-%05d\",\"port\":50002,"
                                + "\"ports_range\":[\"30000-40000\"],\"data\":{\"cpu\":{\"numbers\":8,\"utilization\":1.5},"
                                + "\"memory\":{\"available\":4958343168,\"total\":17179869184,\"utilization\":30.5},"
                                + "\"disk\":{\"/\":{\"type\":0,\"total\":107374182400,\"used\":1,\"utilization\":1.1},"
                                + "\"/boot\":{\"type\":1,\"total\":1063256064,\"used\":246792192,\"utilization\":23.2}},"
                                + "\"diskio\":{},\"networkio\":{}}}", n, (n / 65536) % 256, (n / 256) % 256, n % 256, now(), n);
                        try {
                            if (call("POST", "/v1.0/reports", body).status() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(3600, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        System.out.printf("CREATE nodes=%d seconds=%.1f rate=%.0f failures=%d%n", nodes, seconds, nodes / seconds,
                failures.get());
    }

    // ------------------------------------------------------------------ fan-out

    /**
     * 1,000 simulated nodes behind 20 local listeners ("classes"): class 0 (5%) never answers, classes 1-3 (15%)
     * answer late but before the deadline, the rest at once. One status request to all of them; then every agent
     * must have its answer (0) or, for class 0, the overtime one (-124), and the request must finish at its deadline.
     */
    static void fanout(long pid, int nodes, String run) throws Exception {
        int classes = 20;
        int finishIn = 10;
        int deadlineIn = 16;
        ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        ConcurrentLinkedQueue<HttpExchange> held = new ConcurrentLinkedQueue<>();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Random random = new Random(42);
        byte[] answer = ("{\"code\":0,\"msg\":\"成功\",\"data\":{\"cpu\":{\"numbers\":4,\"utilization\":12.5},"
                + "\"memory\":{\"total\":8589934592,\"available\":4958343168,\"utilization\":42.0}}}")
                .getBytes(StandardCharsets.UTF_8);
        List<HttpServer> servers = new ArrayList<>();
        int[] portOf = new int[classes];
        for (int c = 0; c < classes; c++) {
            int cls = c;
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 2048);
            s.setExecutor(handlers);
            s.createContext("/api/v1/monitor/resource", ex -> {
                received.incrementAndGet();
                ex.getRequestBody().readAllBytes();
                if (cls == 0) {
                    held.add(ex);
                } else if (cls <= 3) {
                    long delay = 2000 + random.nextInt((deadlineIn - 10) * 1000);
                    later.schedule(() -> reply(ex, answer, answered), delay, TimeUnit.MILLISECONDS);
                } else {
                    reply(ex, answer, answered);
                }
            });
            s.start();
            servers.add(s);
            portOf[c] = s.getAddress().getPort();
        }
        // the nodes report (registering their address), 16 at a time
        Map<Long, Integer> classOf = new ConcurrentHashMap<>();
        ExecutorService posters = Executors.newFixedThreadPool(16);
        CountDownLatch done = new CountDownLatch(nodes);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < nodes; i++) {
            int n = i;
            posters.submit(() -> {
                try {
                    Answer a = ok("POST", "/v1.0/reports", report("fan-" + run + "-" + n, "fan-" + run + "-" + n,
                            portOf[n % classes], "30000-40000"));
                    classOf.put(number(a.body(), "agent_id"), n % classes);
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(300, TimeUnit.SECONDS);
        posters.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures + " node reports failed");
        }
        Thread.sleep(2000);
        int baseline = threads(pid);
        AtomicInteger maxThreads = new AtomicInteger(baseline);
        AtomicLong samples = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        AtomicReference<String> atMax = new AtomicReference<>(census(pid));
        sampler.scheduleAtFixedRate(() -> {
            int n = threads(pid);
            if (n > maxThreads.get()) {
                atMax.set(census(pid));
            }
            maxThreads.accumulateAndGet(n, Math::max);
            samples.incrementAndGet();
        }, 0, 100, TimeUnit.MILLISECONDS);

        long t = now();
        long submitStart = System.nanoTime();
        Answer started = ok("GET", "/v1.0/agents/" + ranges(new TreeSet<>(classOf.keySet())) + "/status",
                "{\"request_time\":" + t + ",\"finishtime\":" + (t + finishIn) + ",\"deadline\":" + (t + deadlineIn)
                        + ",\"expire\":0}");
        long submitMs = (System.nanoTime() - submitStart) / 1_000_000;
        String id = text(started.body(), "request_id");
        long deadline = number(started.body(), "deadline");
        long finishedAt = 0;
        long end = System.currentTimeMillis() + (deadlineIn + 60) * 1000L;
        while (System.currentTimeMillis() < end) {
            Answer a = ok("GET", "/v1.0/asyncrequests/" + id, "{\"agents\":false}");
            if (number(a.body(), "status") == 1) {
                finishedAt = System.currentTimeMillis();
                break;
            }
            Thread.sleep(200);
        }
        sampler.shutdownNow();
        if (finishedAt == 0) {
            throw new IllegalStateException("request " + id + " did not finish");
        }
        Answer full = ok("GET", "/v1.0/asyncrequests/" + id, "{\"agents\":true,\"details\":false}");
        Matcher m = Pattern.compile("\\{\"agent_id\":(\\d+),\"server_time\":\\d+,\"agent_time\":\\d+,\"resultcode\":(-?\\d+)")
                .matcher(full.body());
        int recorded = 0;
        int ok = 0;
        int overtime = 0;
        int wrong = 0;
        while (m.find()) {
            recorded++;
            long agent = Long.parseLong(m.group(1));
            int code = Integer.parseInt(m.group(2));
            Integer cls = classOf.get(agent);
            if (code == 0) {
                ok++;
            } else if (code == -124) {
                overtime++;
            }
            if (cls == null || (cls == 0 ? code != -124 : code != 0)) {
                wrong++;
            }
        }
        for (HttpExchange ex : held) {
            ex.close();
        }
        servers.forEach(s -> s.stop(0));
        later.shutdownNow();
        handlers.shutdownNow();
        double lag = finishedAt / 1000.0 - deadline;
        System.out.printf("FANOUT nodes=%d calls=%d answered_by_nodes=%d recorded=%d ok=%d overtime=%d wrong=%d "
                + "submit_ms=%d finish_after_deadline_s=%.1f threads_max=%d threads_before=%d samples=%d%n",
                nodes, received.get(), answered.get(), recorded, ok, overtime, wrong, submitMs, lag, maxThreads.get(),
                baseline, samples.get());
        System.out.printf("FANOUT_THREADS_AT_MAX %s%n", atMax.get());
    }

    static void reply(HttpExchange ex, byte[] body, AtomicInteger answered) {
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            answered.incrementAndGet();
        } catch (IOException e) {
            // the server gave up on this call (deadline): nothing to answer
        }
    }

    // ------------------------------------------------------------------ ports

    /** N agents with one entity per client each; clients allocate "any free port" concurrently. */
    static void ports(int agents, int clients, int allocations, String run) throws Exception {
        long[] agentIds = new long[agents];
        for (int a = 0; a < agents; a++) {
            Answer r = ok("POST", "/v1.0/reports", report("ports-" + run + "-" + a, "ports-" + run + "-" + a, 9,
                    "30000-40000"));
            agentIds[a] = number(r.body(), "agent_id");
            ok("PATCH", "/v1.0/agents/" + agentIds[a] + "/active", "{\"status\":1}");
            ok("POST", "/v1.0/agent/" + agentIds[a] + "/endpoints", "{\"endpoints\":[\"bench\"]}");
        }
        long[][] entity = new long[clients][agents];
        for (int c = 0; c < clients; c++) {
            for (int a = 0; a < agents; a++) {
                entity[c][a] = number(ok("POST", "/v1.0/agent/" + agentIds[a] + "/endpoint/bench/entitys",
                        "{\"notify\":false}").body(), "entity");
            }
        }
        Map<Long, Set<Integer>> got = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int each = allocations / clients;
        Semaphore gate = new Semaphore(0);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch finished = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                try {
                    gate.acquire();
                    for (int k = 0; k < each; k++) {
                        int a = (k + client) % agents;
                        Answer r = call("POST", "/v1.0/agent/" + agentIds[a] + "/endpoint/bench/entity/"
                                + entity[client][a] + "/ports", "{\"ports\":[null]}");
                        if (r.status() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        Matcher m = Pattern.compile("\"ports\":\\[(\\d+)\\]").matcher(r.body());
                        if (!m.find()) {
                            errors.incrementAndGet();
                            continue;
                        }
                        int port = Integer.parseInt(m.group(1));
                        if (!got.computeIfAbsent(agentIds[a], x -> ConcurrentHashMap.newKeySet()).add(port)) {
                            duplicates.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    finished.countDown();
                }
            });
        }
        long start = System.nanoTime();
        gate.release(clients);
        finished.await(1800, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        // the server's view: every agent's ports, all distinct
        int stored = 0;
        int storedDuplicates = 0;
        for (long agent : agentIds) {
            Answer r = ok("GET", "/v1.0/agent/" + agent + "/ports", null);
            Matcher m = Pattern.compile("\"port\":(\\d+)").matcher(r.body());
            Set<Integer> seen = new HashSet<>();
            while (m.find()) {
                stored++;
                if (!seen.add(Integer.parseInt(m.group(1)))) {
                    storedDuplicates++;
                }
            }
        }
        System.out.printf("PORTS allocations=%d seconds=%.1f rate=%.0f duplicates=%d stored=%d stored_duplicates=%d "
                + "errors=%d%n", done.get(), seconds, done.get() / seconds, duplicates.get(), stored, storedDuplicates,
                errors.get());
    }
}
