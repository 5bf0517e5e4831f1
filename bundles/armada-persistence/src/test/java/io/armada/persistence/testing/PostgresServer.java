package io.armada.persistence.testing;

import org.junit.rules.ExternalResource;

/**
 * A real PostgreSQL ({@link Postgres}) for one test class, started before its first test and stopped after its last:
 * {@code @ClassRule public static final PostgresServer PG = new PostgresServer();}.
 */
public final class PostgresServer extends ExternalResource {
    private Postgres pg;

    @Override
    protected void before() throws Exception {
        pg = Postgres.start();
    }

    @Override
    protected void after() {
        if (pg != null) {
            try {
                pg.close();
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL did not stop", e);
            }
        }
    }

    /** The running server. */
    public Postgres get() {
        if (pg == null) {
            throw new IllegalStateException("PostgreSQL is started by the class rule, before the first test");
        }
        return pg;
    }
}
