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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The jobs bench (issue 17): a rollout over N simulated nodes in B batches of one step that takes S ms on each node.
 * The stand-in nodes are one HTTP listener on the wildcard address; node i reports the loopback address 127.1.x.y
 * (all of 127/8 is loopback on Linux), so each node has its own IP as the jobs area wants, and the listener tells the
 * nodes apart by the address a call came to. Each call of the step is counted per node.
 *
 *   java JobsBench.java <base> <token> <home> <http port> <ssh port> <data dir> <nodes> <batches> <step ms> <kill 0|1> <run>
 *
 * Prints one line: RUN total_s=... threads_before=... threads_max=... calls=... nodes_called_twice=...
 * nodes_never_called=... status=... batches_before_kill=... resumed=...
 */
public class JobsBench {
    static String base;
    static String token;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body) {
    }

    static Answer call(String method, String path, String json) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                    .header("appkey", token).header("appname", "bench@app").header("Content-Type", "application/json");
            b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    static Answer ok(String method, String path, String json) {
        Answer a = call(method, path, json);
        if (a.status() != 200 || !(a.body().contains("\"stat\":true") || a.body().contains("\"resultcode\":0"))) {
            throw new IllegalStateException(method + " " + path + " -> " + a.status() + " " + a.body());
        }
        return a;
    }

    static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + body);
        }
        return m.group(1);
    }

    static List<String> all(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(body);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The server's threads by name (digits folded), most frequent first: what the maximum was made of. */
    static String census(long pid) {
        Map<String, Integer> byName = new TreeMap<>();
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
        } catch (IOException | RuntimeException gone) {
            // between a kill and the restart
        }
        return 0;
    }

    static long pid(Path home) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("karaf.pid")).trim());
    }

    static String ip(int i) {
        return "127.1." + (i / 250) + "." + (i % 250 + 1);
    }

    /** The uuid of the batch waiting for its confirm, or null. */
    static String waitingBatch(String body) {
        Matcher m = Pattern.compile("\"uuid\":\"([A-Za-z0-9]+)\",\"nodelist\":\"[^\"]*\",\"nodecount\":\\d+,"
                + "\"starttime\":\"[^\"]*\",\"finishtime\":\"[^\"]*\",\"runtime\":[^,]*,\"status\":\"fail\","
                + "\"confirm\":\"WaitConfirm\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static void reply(HttpExchange ex, byte[] body) {
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException callerGone) {
            // the server died meanwhile
        } finally {
            ex.close();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(String what, long seconds, java.util.function.BooleanSupplier c) {
        long end = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < end) {
            if (c.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("timed out: " + what);
    }

    public static void main(String[] args) throws Exception {
        base = args[0];
        token = args[1];
        Path home = Path.of(args[2]);
        String httpPort = args[3];
        String sshPort = args[4];
        String data = args[5];
        int nodes = Integer.parseInt(args[6]);
        int batches = Integer.parseInt(args[7]);
        long stepMs = Long.parseLong(args[8]);
        boolean kill = args[9].equals("1");
        String run = args[10];

        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
        HttpServer standIns = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 4096);
        standIns.setExecutor(Executors.newFixedThreadPool(4));
        standIns.createContext("/api/v1/monitor/task", ex -> {
            ex.getRequestBody().readAllBytes();
            String ip = ex.getLocalAddress().getAddress().getHostAddress();
            calls.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = ("{\"code\":0,\"msg\":\"成功\",\"data\":{\"node\":\"" + ip + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            later.schedule(() -> reply(ex, body), stepMs, TimeUnit.MILLISECONDS);
        });
        standIns.start();
        int port = standIns.getAddress().getPort();

        ExecutorService posters = Executors.newFixedThreadPool(16);
        CountDownLatch done = new CountDownLatch(nodes);
        AtomicInteger failures = new AtomicInteger();
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < nodes; i++) {
            int n = i;
            posters.submit(() -> {
                try {
                    String uuid = "jobs-" + run + "-" + n;
                    ok("POST", "/v1.0/reports", "{\"hostname\":\"" + uuid + "\",\"ip\":\"" + ip(n) + "\",\"utc\":"
                            + now + ",\"type\":\"resource\",\"node_uuid\":\"" + uuid + "\",\"port\":" + port
                            + ",\"ports_range\":[\"30000-31000\"],\"data\":{\"cpu\":{\"numbers\":4,\"utilization\":1.0},"
                            + "\"memory\":{\"available\":1,\"total\":2,\"utilization\":50.0},\"disk\":{},"
                            + "\"diskio\":{},\"networkio\":{}}}");
                } catch (RuntimeException e) {
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
        StringBuilder ips = new StringBuilder();
        for (int i = 0; i < nodes; i++) {
            ips.append(i == 0 ? "" : ",").append('"').append(ip(i)).append('"');
        }
        long project = Long.parseLong(field(ok("POST", "/api/jobx/project", "{\"name\":\"bench-" + run
                + "\",\"nodes\":[" + ips + "]}").body(), "id"));
        ok("POST", "/api/jobx/group/" + project, "{\"name\":\"all\",\"group_type\":\"percent\",\"percent\":\""
                + (100 / batches) + "%\"}");
        ok("POST", "/api/jobx/job/" + project, "{\"name\":\"step\",\"steps\":[{\"handler\":\"BenchHandler\","
                + "\"command\":\"sleep\",\"data\":{\"node\":\"${ip}\"}}]}");
        sleep(2000);

        long[] pid = {pid(home)};
        // The thread figure is the server's at work, not its start: threads that a start leaves for a while end by
        // themselves within a minute (the block lists' start bump and the counters writer after 10-15 s, Hikari's
        // connection adder, the JDK's process reaper after 60 s), so the first rollout waits until the server has run
        // 75 s. The census below lists every thread either way.
        java.time.Instant started = ProcessHandle.of(pid[0]).flatMap(h -> h.info().startInstant())
                .orElse(java.time.Instant.now());
        long settle = java.time.Duration.between(java.time.Instant.now(), started.plusSeconds(75)).toMillis();
        if (settle > 0 && !kill) {
            sleep(settle);
        }
        int before = threads(pid[0]);
        AtomicInteger max = new AtomicInteger(before);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        String censusBefore = census(pid[0]);
        java.util.concurrent.atomic.AtomicReference<String> atMax = new java.util.concurrent.atomic.AtomicReference<>(
                censusBefore);
        sampler.scheduleAtFixedRate(() -> {
            int n = threads(pid[0]);
            if (n > max.get()) {
                atMax.set(census(pid[0]));
            }
            max.accumulateAndGet(n, Math::max);
        }, 0, 100, TimeUnit.MILLISECONDS);

        long t0 = System.nanoTime();
        String uuid = field(ok("POST", "/api/jobx/task/" + project + "/job/byname",
                "{\"jobname\":\"step\",\"group\":\"all\"}").body(), "uuid");
        String subtasks = "/api/jobx/subtask/" + project + "/" + uuid;
        int beforeKill = -1;
        boolean resumed = false;
        if (kill) {
            int middle = batches / 2;
            await("batch " + (middle + 1) + " running", 600, () -> {
                List<String> st = all(call("GET", subtasks, null).body(), "status");
                return st.size() > middle && st.get(middle).equals("running");
            });
            sleep(stepMs / 2);
            List<String> st = all(call("GET", subtasks, null).body(), "status");
            beforeKill = (int) st.stream().filter(s -> s.equals("success")).count();
            ProcessHandle.of(pid[0]).ifPresent(ProcessHandle::destroyForcibly);
            long dead = pid[0];
            await("the server gone", 60, () -> ProcessHandle.of(dead).map(h -> !h.isAlive()).orElse(true));
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/start").toString()).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("ARMADA_HTTP_PORT", httpPort);
            pb.environment().put("ARMADA_SSH_PORT", sshPort);
            pb.environment().put("ARMADA_TOKEN", token);
            pb.environment().put("ARMADA_DATA", data);
            pb.start().waitFor(60, TimeUnit.SECONDS);
            await("the server back", 300, () -> call("GET", "/api/jobx/project", null).status() == 200);
            pid[0] = pid(home);
            // the batch in flight at the kill is not sent again: it fails and waits for a confirm
            await("a batch waiting for its confirm", 300, () -> call("GET", subtasks, null).body()
                    .contains("WaitConfirm"));
            String body = call("GET", subtasks, null).body();
            String w = waitingBatch(body);
            if (w == null) {
                throw new IllegalStateException("no waiting batch in " + body);
            }
            ok("PUT", "/api/jobx/subtask/" + project + "/" + w + "/confirm", null);
        }
        String[] status = {""};
        AtomicInteger confirmed = new AtomicInteger();
        List<String> why = new ArrayList<>();
        await("the task's end", 3600, () -> {
            status[0] = field(call("GET", "/api/jobx/task/" + project + "/" + uuid, null).body(), "status");
            if (status[0].equals("running")) {
                // a batch that failed (some node's answer did not count): say why, confirm it, go on
                String w = waitingBatch(call("GET", subtasks, null).body());
                if (w != null) {
                    for (String line : call("GET", "/api/jobx/slave/bench/log/" + w, null).body().split("\\},\\{")) {
                        if (!line.contains("\"code\":0,")) {
                            why.add(line);
                        }
                    }
                    call("PUT", "/api/jobx/subtask/" + project + "/" + w + "/confirm", null);
                    confirmed.incrementAndGet();
                }
            }
            return status[0].equals("success") || status[0].equals("fail");
        });
        for (String w : why.subList(0, Math.min(5, why.size()))) {
            System.out.println("FAILED_ANSWER " + w);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        sampler.shutdownNow();
        if (kill) {
            List<String> st = all(call("GET", subtasks, null).body(), "status");
            resumed = st.stream().filter(s -> s.equals("success")).count() > beforeKill;
        }
        int sum = 0;
        int twice = 0;
        for (AtomicInteger c : calls.values()) {
            sum += c.get();
            if (c.get() > 1) {
                twice++;
            }
        }
        System.out.printf("RUN total_s=%.2f threads_before=%d threads_max=%d calls=%d nodes_called_twice=%d "
                + "nodes_never_called=%d status=%s batches_confirmed=%d batches_before_kill=%d resumed=%s%n", total,
                before, max.get(), sum, twice, nodes - calls.size(), status[0], confirmed.get(), beforeKill,
                kill ? resumed : "n/a");
        System.out.println("CENSUS_BEFORE " + censusBefore);
        System.out.println("CENSUS_PEAK " + atMax.get());
        standIns.stop(0);
        System.exit(0);
    }
}
