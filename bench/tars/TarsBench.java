import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for bench/tars.sh (not part of the product). Run with the JDK's single-file launcher:
 *
 * <pre>
 *   java TarsBench.java seed  &lt;base url&gt; &lt;token&gt; &lt;nodes&gt; &lt;servers&gt; &lt;clients&gt; &lt;rounds&gt;
 *   java TarsBench.java query &lt;base url&gt; &lt;token&gt; &lt;clients&gt; &lt;seconds&gt; &lt;route&gt; &lt;servers&gt;
 * </pre>
 *
 * {@code seed} makes {@code nodes} Armada nodes report (posted reports, 10.77.x.y), activates their agents and installs
 * them as tars nodes, then deploys {@code servers} servers (one adapter each, spread over 100 applications and the
 * nodes) from {@code clients} threads and prints DEPLOY rate=..; then adds, per server, one server-level config file
 * (which also makes its node file: two rows per call) and prints CONFIG rows=... {@code query} runs one route from
 * {@code clients} threads for {@code seconds} and prints QUERY route=.. n=.. p50=.. p99=.. errors=.. (ms).
 */
public class TarsBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        base = args[1];
        token = args[2];
        switch (args[0]) {
            case "seed" -> seed(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            case "query" -> query(Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5],
                    Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("seed or query");
        }
    }

    static HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("X-Armada-Token", token);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String ok(HttpResponse<String> r) {
        if (r.statusCode() != 200 || r.body().contains("\"ret_code\":500") || r.body().contains("\"rst\":false")) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String ip(int i) {
        return "10.77." + (i / 250) + "." + (i % 250 + 1);
    }

    static final Pattern AGENT = Pattern.compile("\"agent_id\":(\\d+)");

    static void seed(int nodes, int servers, int clients, int rounds) throws Exception {
        for (int i = 0; i < nodes; i++) {
            String uuid = "tars-bench-" + i;
            String report = "{\"hostname\":\"" + uuid + "\",\"ip\":\"" + ip(i) + "\",\"utc\":"
                    + System.currentTimeMillis() / 1000 + ",\"type\":\"resource\",\"node_uuid\":\"" + uuid
                    + "\",\"port\":8181,\"ports_range\":[\"20000-30000\"],\"data\":{\"cpu\":{\"numbers\":2,"
                    + "\"utilization\":1},\"memory\":{\"available\":1,\"total\":2,\"utilization\":50},\"disk\":{}}}";
            Matcher m = AGENT.matcher(ok(call("POST", "/v1.0/reports", report)));
            if (!m.find()) {
                throw new IllegalStateException("no agent id for node " + i);
            }
            ok(call("PATCH", "/v1.0/agents/" + m.group(1) + "/active", "{\"status\":1}"));
            ok(call("GET", "/api/install_tars_node?ips=" + ip(i), null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < servers; i = next.getAndIncrement()) {
                    String node = ip(i % nodes);
                    ok(call("POST", "/api/deploy_server", "{\"application\":\"App" + (i % 100) + "\",\"server_name\":"
                            + "\"Server" + i + "\",\"node_name\":\"" + node + "\",\"template_name\":\"tars.default\","
                            + "\"adapters\":[{\"obj_name\":\"Obj\",\"bind_ip\":\"" + node + "\",\"port\":"
                            + (10000 + i % 10000) + "}]}"));
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double deploySeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("DEPLOY servers=%d seconds=%.1f rate=%.1f%n", servers, deploySeconds, servers / deploySeconds);
        AtomicLong rows = new AtomicLong();
        for (int round = 0; round < rounds; round++) {
            String file = "server" + round + ".conf";
            next.set(0);
            work.clear();
            for (int c = 0; c < clients; c++) {
                work.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < servers; i = next.getAndIncrement()) {
                        ok(call("POST", "/api/add_config_file", "{\"level\":5,\"application\":\"App" + (i % 100)
                                + "\",\"server_name\":\"Server" + i + "\",\"filename\":\"" + file + "\",\"config\":"
                                + "\"<tars>\\n<app>\\nkey=" + i + "\\n</app>\\n</tars>\"}"));
                        rows.addAndGet(2);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        pool.shutdown();
        System.out.printf("CONFIG rows=%d%n", rows.get());
    }

    static void query(int clients, int seconds, String route, int servers) throws Exception {
        // the ids to ask for: servers and node config files, found through the API once
        List<Long> serverIds = ids("/api/server_list?tree_node_id=1App7", "\"id\":(\\d+),\"application\"");
        List<Long> nodeFiles = new ArrayList<>();
        for (int i = 7; i < servers && nodeFiles.size() < 50; i += 100) {
            String body = ok(call("GET", "/api/config_file_list?level=5&application=App7&server_name=Server" + i, null));
            Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(body);
            if (m.find()) {
                nodeFiles.addAll(ids("/api/node_config_file_list?application=App7&server_name=Server" + i
                        + "&config_id=" + m.group(1), "\"id\":(\\d+)"));
            }
        }
        if (serverIds.isEmpty() || nodeFiles.isEmpty()) {
            throw new IllegalStateException("nothing seeded to ask for");
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<List<Long>>> work = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                List<Long> lat = new ArrayList<>();
                for (int n = client; System.nanoTime() < end && lat.size() < 1_000_000; n += clients) {
                    String path = switch (route) {
                        case "server_list" -> "/api/server_list?tree_node_id=1App" + (n % 100)
                                + "&is_page=true&curr_page=1&page_size=20";
                        case "merged_node_config" -> "/api/merged_node_config?id=" + nodeFiles.get(n % nodeFiles.size());
                        case "adapter_conf_list" -> "/api/adapter_conf_list?id=" + serverIds.get(n % serverIds.size());
                        default -> throw new IllegalArgumentException(route);
                    };
                    long t = System.nanoTime();
                    HttpResponse<String> r = call("GET", path, null);
                    lat.add(System.nanoTime() - t);
                    if (r.statusCode() != 200 || r.body().contains("\"ret_code\":500")) {
                        errors.incrementAndGet();
                    }
                }
                return lat;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : work) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Collections.sort(all);
        System.out.printf("QUERY route=%s n=%d rate=%.0f p50=%.1f p99=%.1f errors=%d%n", route, all.size(),
                all.size() / (double) seconds, all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6,
                errors.get());
    }

    static List<Long> ids(String path, String regex) throws Exception {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(ok(call("GET", path, null)));
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
