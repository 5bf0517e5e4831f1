package io.armada.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * One lock for the schema work the servers sharing one database do themselves at start (Quartz's tables, the lease
 * table): on PostgreSQL an advisory lock, so that of two servers started at the same moment on an empty database the
 * second waits until the first has made the tables and then finds them; a {@code CREATE TABLE} racing another one
 * for the same name is refused by PostgreSQL's catalogue (SQLState 23505 on {@code pg_type}), not with the "already
 * exists" that idempotent schema code expects. Elsewhere (embedded Derby: one server, one JVM) it takes no lock.
 *
 * <p>EclipseLink's own tables (each area's {@code create-or-extend-tables}) are not made under it: EclipseLink
 * ignores a failed DDL statement, and the statements the second server loses are the ones the first made (see
 * armada-persistence's {@code FirstStartTogetherTest}).
 *
 * @since 1.3
 */
public final class SchemaLock {
    /** The advisory lock's key: the same for every Armada server and area ("armadaSC" in ASCII). */
    static final long KEY = 0x61726d6164615343L;

    /** Work on a connection. */
    @FunctionalInterface
    public interface SqlWork<R> {
        R run(Connection c) throws SQLException;
    }

    private SchemaLock() {
    }

    /**
     * Runs {@code work} on {@code c} holding the lock until it returns; for a connection in auto-commit mode (each
     * statement of {@code work} committed when the lock is released). Waits while another server holds it.
     *
     * @param c a connection in auto-commit mode
     * @param work the schema work
     * @param <R> its result type
     * @return what {@code work} returned
     * @throws SQLException from {@code work}, or when the lock could not be taken
     * @since 1.3
     */
    public static <R> R hold(Connection c, SqlWork<R> work) throws SQLException {
        if (!postgres(c)) {
            return work.run(c);
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + KEY + ")");
        }
        try {
            return work.run(c);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + KEY + ")");
            }
        }
    }

    /**
     * Takes the lock until the end of the transaction {@code c} is in (its commit or rollback releases it); for schema
     * work inside a transaction, which another server must see only once committed. Waits while another server holds
     * it.
     *
     * @param c a connection in a transaction (auto-commit off)
     * @throws SQLException when the lock could not be taken
     * @since 1.3
     */
    public static void holdUntilCommit(Connection c) throws SQLException {
        if (postgres(c)) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + KEY + ")");
            }
        }
    }

    private static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
}
