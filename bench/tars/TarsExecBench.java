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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/tars-exec.sh's client (java 17 single-file source):
 *   stats BASE TOKEN CLIENTS SECONDS [TAG]      report_stat batches of 500 from CLIENTS clients; rate; stored sums checked
 *   query BASE TOKEN CLIENTS SECONDS            one day of slots for one server seeded, then tarsstat_monitor_data p50/p99
 *   task  BASE TOKEN NODE_IP PACKAGE ROWS       ROWS servers on the node; patch_tars (parallel) then restart (parallel)
 */
public class TarsExecBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String token;

    static String send(String method, String path, String body, String type) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("X-Armada-Token", token);
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("\"ret_code\":200")) {
            throw new IOException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    public static void main(String[] a) throws Exception {
        base = a[1];
        token = a[2];
        switch (a[0]) {
            case "stats" -> stats(Integer.parseInt(a[3]), Integer.parseInt(a[4]), a.length > 5 ? a[5] : "");
            case "query" -> query(Integer.parseInt(a[3]), Integer.parseInt(a[4]));
            case "task" -> task(a[3], Path.of(a[4]), Integer.parseInt(a[5]));
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    static void stats(int clients, int seconds, String tag) throws Exception {
        long t = System.currentTimeMillis() / 1000;
        AtomicLong records = new AtomicLong();
        AtomicLong counts = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread th = new Thread(() -> {
                int round = 0;
                try {
                    while (System.nanoTime() < end) {
                        StringBuilder b = new StringBuilder("{\"records\":[");
                        for (int i = 0; i < 500; i++) {
                            b.append(i == 0 ? "" : ",").append("{\"time\":").append(t)
                                    .append(",\"master_name\":\"Bench.Client").append(client)
                                    .append("\",\"slave_name\":\"Bench.Stat").append(tag).append("\",\"interface_name\":\"if")
                                    .append((i + round) % 20).append("\",\"master_ip\":\"10.0.0.").append(client)
                                    .append("\",\"slave_ip\":\"10.1.0.1\",\"count\":2,\"fail_count\":1,"
                                            + "\"timeout_count\":0,\"total_time\":7}");
                        }
                        b.append("]}");
                        send("POST", "/api/report_stat", b.toString(), "application/json");
                        records.addAndGet(500);
                        counts.addAndGet(1000);
                        round++;
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " client(s) failed: " + failures.get(0));
        }
        System.out.printf("STATS records=%d seconds=%.1f rate=%.0f%n", records.get(), secs, records.get() / secs);
        String day = LocalDate.now(ZoneId.systemDefault()).toString();
        String rows = send("GET", "/api/tarsstat_monitor_data?slave_name=Bench.Stat" + tag
                + "&group_by=slave_name&thedate=" + day, null, null);
        long stored = Long.parseLong(field(rows, "the_total_count"));
        System.out.printf("CHECK sent=%d stored=%d ok=%s%n", counts.get(), stored, stored == counts.get());
    }

    static void query(int clients, int seconds) throws Exception {
        LocalDate day = LocalDate.now(ZoneId.systemDefault()).minusDays(1);
        long d0 = day.atStartOfDay(ZoneId.systemDefault()).toEpochSecond();
        for (int batch = 0; batch < 288 * 10 / 480; batch++) {
            StringBuilder b = new StringBuilder("{\"records\":[");
            for (int i = 0; i < 480; i++) {
                int n = batch * 480 + i;
                b.append(i == 0 ? "" : ",").append("{\"time\":").append(d0 + (n / 10) * 300L)
                        .append(",\"master_name\":\"Bench.Client\",\"slave_name\":\"Bench.Day\",\"interface_name\":\"if")
                        .append(n % 10).append("\",\"master_ip\":\"10.0.0.1\",\"slave_ip\":\"10.1.0.1\",\"count\":5,"
                                + "\"fail_count\":0,\"timeout_count\":1,\"total_time\":50}");
            }
            b.append("]}");
            send("POST", "/api/report_stat", b.toString(), "application/json");
        }
        String path = "/api/tarsstat_monitor_data?slave_name=Bench.Day&thedate=" + day.toString().replace("-", "");
        String first = send("GET", path, null, null);
        int rows = first.split("\"show_time\"").length - 1;
        // warm-up, not counted: the first seconds of a fresh server measure the JIT, not the query
        long warm = System.nanoTime() + Math.min(5, seconds) * 1_000_000_000L;
        while (System.nanoTime() < warm) {
            send("GET", path, null, null);
        }
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread th = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        send("GET", path, null, null);
                        times.add(System.nanoTime() - s);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("QUERY rows=%d calls=%d p50=%.1f p99=%.1f%n", rows, sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }

    static String upload(String module, byte[] bytes, String md5) throws Exception {
        String boundary = "bench" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"application\"\r\n\r\nBench\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"module_name\"\r\n\r\n" + module + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"md5\"\r\n\r\n" + md5 + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"suse\"; filename=\"p.tgz\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        HttpResponse<String> up = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/upload_patch_package"))
                .header("X-Armada-Token", token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (!up.body().contains("\"ret_code\":200")) {
            throw new IOException("upload: " + up.body());
        }
        return field(up.body(), "id");
    }

    /**
     * ROWS services (Bench.Echo1..ROWS) on the node, each with its own package: nodes on one loopback machine report
     * one address, so the rows are told apart by server name (each is a service of its own on the node).
     */
    /** One service on each node of {@code ips} (comma-separated), in turn when there are more rows than nodes. */
    static void task(String ips, Path pkg, int rows) throws Exception {
        String[] nodes = ips.split(",");
        byte[] bytes = Files.readAllBytes(pkg);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        List<String> patch = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            String ip = nodes[(i - 1) % nodes.length];
            String patchId = upload("Echo" + i, bytes, md5);
            String r = send("POST", "/api/deploy_server", "{\"application\":\"Bench\",\"server_name\":\"Echo" + i
                    + "\",\"node_name\":\"" + ip + "\",\"template_name\":\"tars.default\",\"adapters\":[{\"obj_name\":"
                    + "\"EchoObj\",\"bind_ip\":\"" + ip + "\",\"port\":" + (11000 + i) + "}]}", "application/json");
            String id = field(r, "id");
            // bak_flag 1: the patch only (a node that is not a backup would be restarted in the patch item too), so
            // the figure stays a patch task then a restart task
            patch.add("{\"server_id\":" + id + ",\"command\":\"patch_tars\",\"parameters\":{\"patch_id\":\""
                    + patchId + "\",\"bak_flag\":\"1\"}}");
            restart.add("{\"server_id\":" + id + ",\"command\":\"restart\"}");
        }
        long start = System.nanoTime();
        await(field(send("POST", "/api/add_task", "{\"serial\":false,\"items\":[" + String.join(",", patch) + "]}",
                "application/json"), "data"));
        await(field(send("POST", "/api/add_task", "{\"serial\":false,\"items\":[" + String.join(",", restart)
                + "]}", "application/json"), "data"));
        System.out.printf("TASK rows=%d seconds=%.2f%n", rows, (System.nanoTime() - start) / 1e9);
        await(field(send("POST", "/api/add_task", "{\"serial\":false,\"items\":[" + String.join(",", restart)
                .replace("restart", "undeploy_tars") + "]}", "application/json"), "data"));
    }

    static void await(String taskNo) throws Exception {
        while (true) {
            String t = send("GET", "/api/task?task_no=" + taskNo, null, null);
            int status = Integer.parseInt(field(t, "status"));
            if (status >= 2) {
                if (status != 2) {
                    throw new IllegalStateException("task " + taskNo + " ended " + status + ": " + t);
                }
                return;
            }
            Thread.sleep(50);
        }
    }
}
