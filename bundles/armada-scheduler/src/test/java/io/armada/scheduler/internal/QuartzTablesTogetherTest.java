package io.armada.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.armada.persistence.testing.Postgres;

/**
 * Two servers' schedulers starting at the same moment on one empty PostgreSQL, both released by one latch: each
 * makes Quartz's tables; both must start, and every table and index of Quartz's script must be there once. Every
 * round on a database of its own.
 */
public class QuartzTablesTogetherTest {
    private static final int ROUNDS = 5;
    private static Postgres pg;

    @BeforeClass
    public static void start() throws Exception {
        pg = Postgres.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    public void twoSchedulersMakingQuartzTablesTogetherBothStart() throws Exception {
        long tables = QuartzTables.statements(QuartzTables.Kind.POSTGRES).stream()
                .filter(s -> s.toLowerCase().startsWith("create table")).count();
        long indexes = QuartzTables.statements(QuartzTables.Kind.POSTGRES).stream()
                .filter(s -> s.toLowerCase().startsWith("create index")).count();
        assertTrue(tables > 5);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int rounds = 0;
            for (int round = 0; round < ROUNDS; round++) {
                String db = "quartz" + round;
                try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                    s.execute("create database " + db);
                }
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(pg.url(db));
                ds.setUser("postgres");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<QuartzTables.Kind>> servers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    servers.add(pool.submit(() -> {
                        go.await();
                        return QuartzTables.ensure(ds);
                    }));
                }
                go.countDown();
                for (Future<QuartzTables.Kind> f : servers) {
                    assertEquals(QuartzTables.Kind.POSTGRES, f.get(120, TimeUnit.SECONDS));
                }
                try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
                    assertEquals(tables, count(s, "select count(*) from information_schema.tables "
                            + "where table_schema = 'public' and table_name like 'qrtz_%'"));
                    assertEquals(indexes, count(s, "select count(*) from pg_indexes "
                            + "where schemaname = 'public' and indexname like 'idx_qrtz_%'"));
                }
                rounds++;
            }
            assertEquals(ROUNDS, rounds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next());
            return r.getLong(1);
        }
    }
}
