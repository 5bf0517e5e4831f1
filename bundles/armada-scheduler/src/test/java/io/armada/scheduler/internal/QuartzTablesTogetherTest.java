package io.armada.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.sql.DataSource;

import org.junit.ClassRule;
import org.junit.Test;

import io.armada.persistence.testing.PostgresServer;
import io.armada.persistence.testing.Together;

/**
 * Two servers' schedulers starting at the same moment on one empty PostgreSQL, both released by one latch: each
 * makes Quartz's tables; both must start, and every table and index of Quartz's script must be there once. Every
 * round on a database of its own.
 */
public class QuartzTablesTogetherTest {
    private static final int ROUNDS = 5;
    @ClassRule
    public static final PostgresServer PG = new PostgresServer();

    @Test
    public void twoSchedulersMakingQuartzTablesTogetherBothStart() throws Exception {
        long tables = QuartzTables.statements(QuartzTables.Kind.POSTGRES).stream()
                .filter(s -> s.toLowerCase().startsWith("create table")).count();
        long indexes = QuartzTables.statements(QuartzTables.Kind.POSTGRES).stream()
                .filter(s -> s.toLowerCase().startsWith("create index")).count();
        assertTrue(tables > 5);
        int rounds = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String db = "quartz" + round;
            DataSource ds = PG.get().newDatabase(db);
            assertEquals(List.of(QuartzTables.Kind.POSTGRES, QuartzTables.Kind.POSTGRES),
                    Together.run(2, i -> QuartzTables.ensure(ds)));
            assertEquals(tables, PG.get().count(db, "select count(*) from information_schema.tables "
                    + "where table_schema = 'public' and table_name like 'qrtz_%'"));
            assertEquals(indexes, PG.get().count(db, "select count(*) from pg_indexes "
                    + "where schemaname = 'public' and indexname like 'idx_qrtz_%'"));
            rounds++;
        }
        assertEquals(ROUNDS, rounds);
    }
}
