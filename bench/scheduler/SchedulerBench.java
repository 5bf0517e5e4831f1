import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreSupport;
import org.quartz.utils.DBConnectionManager;

/**
 * bench/scheduler.sh's client and floor (compiled by the script, run with quartz, derby, hikari and slf4j):
 *
 * <pre>
 *   creates BASE TOKEN N CLIENTS       N creates through POST /v1.0/schedulers from CLIENTS threads: prints creates/s
 *   due BASE TOKEN N WINDOW LEAD       N one-shot jobs (GET /health), due within WINDOW s from now+LEAD; waits for them;
 *                                      prints lateness p50/p99 (ms) and how many fired exactly once
 *   floor BASE N WINDOW LEAD THREADS BATCH PRELOAD DIR  PRELOAD far-off jobs first (as many as Armada holds), then the
 *                                      same N one-shot fires on plain Quartz (JobStoreTX, clustered,
 *                                      Derby in DIR, HikariCP, THREADS threads, BATCH triggers acquired at once: 1 is
 *                                      Quartz's default, Armada acquires THREADS), each job a GET BASE/health
 * </pre>
 */
public class SchedulerBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern JOB_ID = Pattern.compile("\"job_id\"\\s*:\\s*(\\d+)");

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "creates" -> creates(a[1], a[2], Integer.parseInt(a[3]), Integer.parseInt(a[4]));
            case "due" -> due(a[1], a[2], Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]));
            case "floor" -> floor(a[1], Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]),
                    Integer.parseInt(a[5]), Integer.parseInt(a[6]), Integer.parseInt(a[7]), Path.of(a[8]));
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-Armada-Token", token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String job(long start, String path) {
        return "{\"jobs\":[{\"executor\":\"http\",\"kwargs\":{\"method\":\"GET\",\"path\":\"" + path + "\"}}],"
                + "\"start\":" + start + ",\"times\":1,\"retry\":0,\"revertall\":false,\"desc\":\"bench\"}";
    }

    /** Creates {@code n} jobs (far ahead, they do not fire during the run) from {@code clients} threads. */
    static void creates(String base, String token, int n, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.currentTimeMillis() / 1000 + 30 * 86400;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            all.add(pool.submit(() -> {
                while (next.getAndIncrement() < n) {
                    HttpResponse<String> r = send("POST", base + "/v1.0/schedulers", token, job(start, "/health"));
                    if (r.statusCode() != 200 || !r.body().contains("\"resultcode\":0")) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("creates %d in %.2f s: %.0f creates/s, %d failed%n", n, s, n / s, failed.get());
    }

    /** N one-shot jobs due within {@code window} s from now + {@code lead}; lateness from each job's recorded run. */
    static void due(String base, String token, int n, int window, int lead) throws Exception {
        long first = System.currentTimeMillis() / 1000 + lead;
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> all = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            all.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    HttpResponse<String> r = send("POST", base + "/v1.0/schedulers", token,
                            job(first + (long) i * window / n, "/health"));
                    Matcher m = JOB_ID.matcher(r.body());
                    if (r.statusCode() != 200 || !m.find()) {
                        throw new IllegalStateException("create failed: " + r.statusCode() + " " + r.body());
                    }
                    ids.add(Long.parseLong(m.group(1)));
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        long created = System.currentTimeMillis() / 1000;
        if (created >= first) {
            System.out.println("WARNING: creating took past the first due time; raise the lead");
        }
        long end = first + window;
        Thread.sleep(Math.max(0, (end + 20) * 1000 - System.currentTimeMillis()));
        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        List<Long> took = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger once = new AtomicInteger();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        // poll until every job has fired (or a deadline), then read each job's run once more after a pause
        List<Future<?>> reads = new ArrayList<>();
        for (Long id : ids) {
            reads.add(pool.submit(() -> {
                String body = "";
                for (int attempt = 0; attempt < 60; attempt++) {
                    body = send("GET", base + "/v1.0/schedulers/" + id, token, null).body();
                    if (body.contains("\"fired\":1") || body.matches("(?s).*\"fired\":[2-9].*")) {
                        break;
                    }
                    Thread.sleep(1000);
                }
                Matcher fired = Pattern.compile("\"fired\":(\\d+)").matcher(body);
                int f = fired.find() ? Integer.parseInt(fired.group(1)) : -1;
                Matcher run = Pattern.compile("\"scheduled\":([0-9.]+),\"start\":([0-9.]+),\"end\":([0-9.]+)")
                        .matcher(body);
                if (f == 1 && run.find()) {
                    once.incrementAndGet();
                    lateness.add(Math.round(Double.parseDouble(run.group(2)) * 1000)
                            - Math.round(Double.parseDouble(run.group(1)) * 1000));
                    took.add(Math.round(Double.parseDouble(run.group(3)) * 1000)
                            - Math.round(Double.parseDouble(run.group(2)) * 1000));
                } else {
                    wrong.add(id + ":fired=" + f);
                }
                return null;
            }));
        }
        for (Future<?> f : reads) {
            f.get();
        }
        pool.shutdown();
        print("armada", lateness);
        List<Long> t = new ArrayList<>(took);
        Collections.sort(t);
        if (!t.isEmpty()) {
            System.out.printf("armada run duration ms (start to end of the steps): p50 %d p99 %d%n", t.get(t.size() / 2),
                    t.get(Math.min(t.size() - 1, (int) Math.ceil(t.size() * 0.99) - 1)));
        }
        System.out.printf("armada fired exactly once: %d of %d%s%n", once.get(), n,
                wrong.isEmpty() ? "" : " (not: " + wrong.subList(0, Math.min(10, wrong.size())) + ")");
    }

    static void print(String who, List<Long> lateness) {
        List<Long> l = new ArrayList<>(lateness);
        Collections.sort(l);
        if (l.isEmpty()) {
            System.out.println(who + " lateness: no fires");
            return;
        }
        System.out.printf("%s lateness ms: p50 %d p99 %d max %d (n=%d)%n", who, l.get(l.size() / 2),
                l.get(Math.min(l.size() - 1, (int) Math.ceil(l.size() * 0.99) - 1)), l.get(l.size() - 1), l.size());
    }

    // ------------------------------------------------------------------------------------------- the floor

    static final Map<String, Long> LATENESS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> FIRES = new ConcurrentHashMap<>();
    static volatile String floorBase;

    /** The floor's job: what an Armada http step does, on plain Quartz. */
    public static class HealthJob implements Job {
        @Override
        public void execute(JobExecutionContext c) {
            long late = System.currentTimeMillis() - c.getScheduledFireTime().getTime();
            String name = c.getJobDetail().getKey().getName();
            LATENESS.put(name, late);
            FIRES.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(floorBase + "/health")).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                // the lateness is what is measured
            }
        }
    }

    static void floor(String base, int n, int window, int lead, int threads, int batch, int preload, Path dir)
            throws Exception {
        floorBase = base;
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setJdbcUrl("jdbc:derby:" + dir.resolve("derby").toAbsolutePath() + ";create=true");
        hc.setMaximumPoolSize(16);
        hc.setMinimumIdle(2);
        com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource(hc);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                InputStream in = JobStoreSupport.class.getResourceAsStream("tables_derby.sql")) {
            StringBuilder b = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.trim().startsWith("--")) {
                    b.append(line).append('\n');
                }
            }
            for (String sql : b.toString().split(";")) {
                if (sql.trim().toLowerCase().startsWith("create ")) {
                    try {
                        st.execute(sql.trim());
                    } catch (SQLException exists) {
                        // a second run on the same folder
                    }
                }
            }
        }
        DBConnectionManager.getInstance().addConnectionProvider("floor", new org.quartz.utils.ConnectionProvider() {
            public Connection getConnection() throws SQLException {
                return ds.getConnection();
            }

            public void shutdown() {
            }

            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "floor");
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "floor");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "15000");
        if (batch > 1) {
            p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(batch));
            p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        }
        Scheduler s = new StdSchedulerFactory(p).getScheduler();
        s.clear();
        // as many far-off jobs as the Armada run holds by then (its creates), so both job stores are the same size
        long far = System.currentTimeMillis() + 30L * 86400 * 1000;
        for (int i = 0; i < preload; i++) {
            s.scheduleJob(JobBuilder.newJob(HealthJob.class).withIdentity("far" + i).build(),
                    TriggerBuilder.newTrigger().withIdentity("far" + i).startAt(new Date(far)).build());
        }
        s.start();
        long first = System.currentTimeMillis() / 1000 + lead;
        for (int i = 0; i < n; i++) {
            String name = "j" + i;
            s.scheduleJob(JobBuilder.newJob(HealthJob.class).withIdentity(name).build(),
                    TriggerBuilder.newTrigger().withIdentity(name).startAt(new Date((first + (long) i * window / n) * 1000))
                            .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                            .build());
        }
        long deadline = System.currentTimeMillis() + (lead + window + 80) * 1000L;
        while (FIRES.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(5_000);
        s.shutdown(true);
        ds.close();
        long once = FIRES.values().stream().filter(v -> v.get() == 1).count();
        String who = "quartz (batch " + batch + ")";
        print(who, new ArrayList<>(LATENESS.values()));
        System.out.printf("%s fired exactly once: %d of %d%n", who, once, n);
    }
}
