package io.armada.persistence;

import static org.junit.Assert.assertEquals;

import javax.sql.DataSource;

import org.junit.ClassRule;
import org.junit.Test;

import io.armada.persistence.testing.PostgresServer;
import io.armada.persistence.testing.TestJpa;
import io.armada.persistence.testing.Together;

/**
 * Two servers' first start at the same moment on one empty PostgreSQL: each opens the same persistence unit with the
 * server's settings (tables created or extended at the first entity manager), beats its lease (the table
 * {@code ARMADA_LEASE} created at the first beat) and writes, both released by one latch. Every round on a database
 * of its own; each must end with every table, identity and foreign key there once and both servers' writes kept.
 */
public class FirstStartTogetherTest {
    private static final int ROUNDS = 5;
    private static final String UNIT = "armada-persistence-pg";
    @ClassRule
    public static final PostgresServer PG = new PostgresServer();

    @Test
    public void twoServersStartingTogetherOnAnEmptyDatabaseBothComeUpWithOneSchema() throws Exception {
        int rounds = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String db = "together" + round;
            DataSource ds = PG.get().newDatabase(db);
            Together.run(2, i -> {
                firstStart(ds, i == 0 ? "a:1" : "b:1");
                return null;
            }); // a server's failure fails the round
            assertEquals(1, PG.get().count(db, "select count(*) from information_schema.tables where table_name = 'ptest_note'"));
            assertEquals(1, PG.get().count(db, "select count(*) from information_schema.tables where table_name = 'ptest_tag'"));
            assertEquals(1, PG.get().count(db, "select count(*) from information_schema.tables where table_name = 'armada_lease'"));
            assertEquals("one foreign key from tags to notes", 1, PG.get().count(db, "select count(*) from "
                    + "information_schema.table_constraints where table_name = 'ptest_tag' "
                    + "and constraint_type = 'FOREIGN KEY'"));
            assertEquals("one identity sequence per table (SERIAL)", 2, PG.get().count(db, "select count(*) from "
                    + "information_schema.sequences where sequence_name like 'ptest_%'"));
            assertEquals("one unique key on the note's text", 1, PG.get().count(db, "select count(*) from "
                    + "information_schema.table_constraints where table_name = 'ptest_note' "
                    + "and constraint_type = 'UNIQUE'"));
            assertEquals("both servers' notes", 2, PG.get().count(db, "select count(*) from ptest_note"));
            assertEquals("both servers' tags", 2, PG.get().count(db, "select count(*) from ptest_tag"));
            assertEquals("both servers' leases", 2,
                    PG.get().count(db, "select count(*) from armada_lease where area = 'together'"));
            rounds++;
        }
        assertEquals(ROUNDS, rounds);
    }

    /** What one server's areas do at their first start: open the unit, beat the lease, write. */
    private static void firstStart(DataSource ds, String server) {
        try (TestJpa jpa = TestJpa.open(UNIT, ds)) {
            JpaStore store = new JpaStore(jpa);
            store.run(em -> em.createQuery("select count(n) from NoteEntity n").getSingleResult());
            new ServerLeases(store, "together", server, 30_000, System::currentTimeMillis).beat();
            store.run(em -> {
                NoteEntity note = new NoteEntity("note of " + server);
                em.persist(note);
                em.persist(new TagEntity(note, "tag of " + server));
            });
        }
    }
}
