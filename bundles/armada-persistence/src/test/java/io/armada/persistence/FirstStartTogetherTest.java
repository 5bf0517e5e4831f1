package io.armada.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.Persistence;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.armada.persistence.testing.Postgres;

/**
 * Two servers' first start at the same moment on one empty PostgreSQL: each opens the same persistence unit with the
 * server's settings (tables created or extended at the first entity manager), beats its lease (the table
 * {@code ARMADA_LEASE} created at the first beat) and writes, both released by one latch. Every round on a database
 * of its own; each must end with every table, identity and foreign key there once and both servers' writes kept.
 */
public class FirstStartTogetherTest {
    private static final int ROUNDS = 5;
    private static final String UNIT = "armada-persistence-pg";
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
    public void twoServersStartingTogetherOnAnEmptyDatabaseBothComeUpWithOneSchema() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int rounds = 0;
            for (int round = 0; round < ROUNDS; round++) {
                String db = "together" + round;
                try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                    s.execute("create database " + db);
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> servers = new ArrayList<>();
                for (String server : new String[] {"a:1", "b:1"}) {
                    servers.add(pool.submit(() -> {
                        go.await();
                        firstStart(db, server);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : servers) {
                    f.get(120, TimeUnit.SECONDS); // a server's failure fails the round
                }
                try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
                    assertEquals(1, count(s, "select count(*) from information_schema.tables where table_name = 'ptest_note'"));
                    assertEquals(1, count(s, "select count(*) from information_schema.tables where table_name = 'ptest_tag'"));
                    assertEquals(1, count(s, "select count(*) from information_schema.tables where table_name = 'armada_lease'"));
                    assertEquals("one foreign key from tags to notes", 1, count(s, "select count(*) from "
                            + "information_schema.table_constraints where table_name = 'ptest_tag' "
                            + "and constraint_type = 'FOREIGN KEY'"));
                    assertEquals("one identity sequence per table (SERIAL)", 2, count(s, "select count(*) from "
                            + "information_schema.sequences where sequence_name like 'ptest_%'"));
                    assertEquals("one unique key on the note's text", 1, count(s, "select count(*) from "
                            + "information_schema.table_constraints where table_name = 'ptest_note' "
                            + "and constraint_type = 'UNIQUE'"));
                    assertEquals("both servers' notes", 2, count(s, "select count(*) from ptest_note"));
                    assertEquals("both servers' tags", 2, count(s, "select count(*) from ptest_tag"));
                    assertEquals("both servers' leases", 2,
                            count(s, "select count(*) from armada_lease where area = 'together'"));
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

    /** What one server's areas do at their first start: open the unit, beat the lease, write. */
    private static void firstStart(String db, String server) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.url(db));
        ds.setUser("postgres");
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.nonJtaDataSource", ds);
        props.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("eclipselink.ddl-generation", "create-or-extend-tables");
        props.put("eclipselink.ddl-generation.output-mode", "database");
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.logging.level", "WARNING");
        EntityManagerFactory emf = Persistence.createEntityManagerFactory(UNIT, props);
        try {
            JpaStore store = new JpaStore(new Template(emf));
            store.run(em -> em.createQuery("select count(n) from NoteEntity n").getSingleResult());
            new ServerLeases(store, "together", server, 30_000, System::currentTimeMillis).beat();
            store.run(em -> {
                NoteEntity note = new NoteEntity("note of " + server);
                em.persist(note);
                em.persist(new TagEntity(note, "tag of " + server));
            });
        } finally {
            emf.close();
        }
    }

    /** Aries JPA's template as the server runs it: one RESOURCE_LOCAL transaction per call. */
    private record Template(EntityManagerFactory emf) implements JpaTemplate {
        @Override
        public <R> R txExpr(TransactionType type, EmFunction<R> code) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                R result = code.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            } finally {
                em.close();
            }
        }

        @Override
        public void tx(TransactionType type, EmConsumer code) {
            txExpr(type, em -> {
                code.accept(em);
                return null;
            });
        }

        @Override
        public <R> R txExpr(EmFunction<R> code) {
            return txExpr(TransactionType.Required, code);
        }

        @Override
        public void tx(EmConsumer code) {
            tx(TransactionType.Required, code);
        }
    }
}
