package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.persistence.testing.Postgres;

/**
 * The server role on PostgreSQL instead of embedded Derby (issue 18, first step): the distribution as a user gets it,
 * with only {@code etc/org.ops4j.datasource-armada.cfg} changed as README says and the password in the environment;
 * a real PostgreSQL from Maven Central's binaries ({@link Postgres}). Every area creates its tables there at start and
 * its main routes work, the scheduler's clustered Quartz store included (a job fires); what was written is there
 * after a restart; the password is in no log.
 */
public class PostgresIT {
    private static final String TOKEN = "it-postgres-token-" + Long.toHexString(System.nanoTime());
    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime()) + "-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static Postgres pg;
    private static Instance server;

    @BeforeClass
    public static void start() throws Exception {
        pg = Postgres.start();
        pg.createDatabase("armada", "armada", PASSWORD);
        Path work = Path.of(System.getProperty("armada.itest.work", "target/it")).toAbsolutePath();
        server = Instance.unpack(work, "pg-server").env("ARMADA_TOKEN", TOKEN).env("ARMADA_DB_PASSWORD", PASSWORD)
                .env("ARMADA_DATA", work.resolve("pg-server-data").toString());
        Instance.deleteTree(work.resolve("pg-server-data"));
        // README, "Several servers on one PostgreSQL": the data source file, the password from the environment
        Files.writeString(server.home.resolve("etc/org.ops4j.datasource-armada.cfg"), pg.dataSourceCfg("armada", "armada"));
        // jobs due at once, as SchedulerIT does (the default refuses a start less than 300 s ahead)
        Files.writeString(server.home.resolve("etc/io.armada.scheduler.cfg"), "min.lead.seconds = 0\n");
        server.start();
        Http.await("every area's routes", DEADLINE, () -> http().get("/egg/domain/list").status() == 200
                && http().get("/v1.0/schedulers").status() == 200 && http().get("/api/server_type_list").status() == 200
                && jobx().get("/api/jobx/project").status() == 200 && http().get("/v1.0/files").status() == 200
                && http().get("/v1.0/agents").status() == 200);
    }

    @AfterClass
    public static void stop() throws Exception {
        try {
            if (server != null && server.running()) {
                server.stop();
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static Http http() {
        return server.http(TOKEN);
    }

    private static Http jobx() {
        return http().withHeaders(Map.of("appkey", TOKEN, "appname", "it@pg"));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static JsonNode json(Http.Answer a, String field, int value) {
        assertEquals(a.toString(), 200, a.status());
        assertEquals(a.toString(), value, a.json().get(field).asInt());
        return a.json();
    }

    /** The rows of a query, for a failure's message. */
    private static String rows(String sql) {
        StringBuilder b = new StringBuilder();
        try (Connection c = pg.connect("armada"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                b.append('[');
                for (int i = 1; i <= n; i++) {
                    b.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append(' ');
                }
                b.append(']');
            }
        } catch (java.sql.SQLException e) {
            b.append(e);
        }
        return b.toString();
    }

    @Test
    public void everyAreaWritesToPostgresAndKeepsItAcrossARestart() throws Exception {
        String domain = "pg-" + System.nanoTime() + ".example.com";
        json(http().post("/egg/domain/add", "{\"domain\":\"" + domain + "\"}"), "status", 0);
        String uuid = "pg-node-" + System.nanoTime();
        long agent = json(http().post("/v1.0/reports", "{\"hostname\":\"pg-host\",\"ip\":\"127.0.0.1\",\"utc\":" + now()
                + ",\"type\":\"resource\",\"node_uuid\":\"" + uuid + "\",\"port\":" + server.httpPort
                + ",\"ports_range\":[\"30000-30100\"],\"data\":{\"cpu\":{\"numbers\":2,\"utilization\":1.0},"
                + "\"memory\":{\"available\":1,\"total\":2,\"utilization\":50.0},\"disk\":{}}}"), "resultcode", 0)
                .get("data").get(0).get("agent_id").asLong();
        // ports: an entity with two ports on the (activated) agent
        json(http().send("PATCH", "/v1.0/agents/" + agent + "/active", "{\"status\":1}", "application/json"),
                "resultcode", 0);
        json(http().post("/v1.0/agent/" + agent + "/endpoints", "{\"endpoints\":[\"pg\"]}"), "resultcode", 0);
        json(http().post("/v1.0/agent/" + agent + "/endpoint/pg/entitys", "{\"ports\":[30001,null]}"), "resultcode", 0);
        assertEquals(2, json(http().get("/v1.0/agent/" + agent + "/ports"), "resultcode", 0).get("data").size());
        String md5 = String.format("%032x", System.nanoTime());
        json(http().post("/v1.0/files", "{\"md5\":\"" + md5 + "\",\"address\":\"http://10.0.0.9/pkg/app.tgz\","
                + "\"size\":1234,\"desc\":\"pg\"}"), "resultcode", 0);
        String template = "pg" + System.nanoTime() + ".base";
        json(http().post("/api/add_profile_template", "{\"template_name\":\"" + template + "\",\"parents_name\":\"\","
                + "\"profile\":\"<tars>\\n<application>\\na=1\\n</application>\\n</tars>\"}"), "ret_code", 200);
        String project = "pg-" + System.nanoTime();
        assertTrue(jobx().post("/api/jobx/project", "{\"name\":\"" + project + "\",\"nodes\":[\"10.9.0.1\"]}").json()
                .get("stat").asBoolean());
        // the scheduler's Quartz store on PostgreSQL: a job due now fires once and calls a route of this server
        String fired = "pg-fired-" + System.nanoTime() + ".example.com";
        long job = json(http().post("/v1.0/schedulers", "{\"jobs\":[{\"executor\":\"http\",\"kwargs\":{\"method\":"
                + "\"POST\",\"path\":\"/egg/domain/add\",\"body\":{\"domain\":\"" + fired + "\"}}}],\"start\":"
                + (now() + 1) + ",\"times\":1,\"interval\":1,\"retry\":0,\"revertall\":false,\"desc\":\"pg\"}"),
                "resultcode", 0).get("data").get(0).get("job_id").asLong();
        Http.await("the job fired", DEADLINE, () -> http().get("/egg/domain/list").body().contains(fired),
                () -> ": " + rows("select * from qrtz_triggers") + " / " + rows("select * from qrtz_simple_triggers")
                        + " / " + rows("select * from qrtz_fired_triggers") + " / " + rows("select * from qrtz_locks"));

        // the tables are PostgreSQL's, one set per area
        TreeSet<String> tables = new TreeSet<>();
        try (Connection c = pg.connect("armada"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = 'public'")) {
            while (r.next()) {
                tables.add(r.getString(1).toLowerCase());
            }
        }
        for (String prefix : new String[] {"agents_", "blocklists_", "counters_", "files_", "tars_", "jobs_", "scheduler_", "qrtz_",
            "ports_"}) {
            assertTrue(prefix + " in " + tables, tables.stream().anyMatch(t -> t.startsWith(prefix)));
        }

        server.stop();
        server.start();
        Http.await("routes after the restart", DEADLINE, () -> http().get("/egg/domain/list").status() == 200
                && http().get("/v1.0/schedulers").status() == 200 && http().get("/api/server_type_list").status() == 200
                && jobx().get("/api/jobx/project").status() == 200 && http().get("/v1.0/files").status() == 200);
        assertTrue(http().get("/egg/domain/list").body().contains(domain));
        assertTrue(http().get("/v1.0/agents/" + agent).body().contains(uuid) || http().get("/v1.0/agents").body()
                .contains("\"agent_id\":" + agent));
        json(http().get("/v1.0/files/" + md5), "resultcode", 0);
        assertEquals(2, json(http().get("/v1.0/agent/" + agent + "/ports"), "resultcode", 0).get("data").size());
        assertTrue(http().get("/api/profile_template?template_name=" + template).body().contains(template));
        assertTrue(jobx().get("/api/jobx/project").body().contains(project));
        assertEquals("finished", json(http().get("/v1.0/schedulers/" + job), "resultcode", 0).get("data").get(0)
                .get("state").asText());

        // the password came from the environment and was never written down
        try (var logs = Files.walk(server.home.resolve("data/log"))) {
            for (Path log : (Iterable<Path>) logs.filter(Files::isRegularFile)::iterator) {
                assertFalse(log + " holds the password", Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains(PASSWORD));
            }
        }
    }
}
