package io.armada.scheduler.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.quartz.impl.jdbcjobstore.JobStoreSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.persistence.SchemaLock;

/**
 * Quartz's tables ({@code QRTZ_*}), created at start from the script Quartz ships in its jar for the database in use
 * (Derby or PostgreSQL), idempotently: each {@code CREATE} runs on its own and "already exists" is no error (another
 * server, or an earlier start cut short, made it); the script's {@code DROP}s are never run. On PostgreSQL they are made
 * under {@link SchemaLock}: two servers starting at the same moment on an empty database raced for each table, and
 * PostgreSQL refuses the loser's {@code CREATE} with a duplicate key in its catalogue, not "already exists", so the
 * loser's scheduler did not start. Derby has no delegate of its own in Quartz: the standard one works with the Derby
 * script's types (booleans as VARCHAR(5), BLOB data).
 */
final class QuartzTables {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzTables.class);

    /** The database kinds we know: the script and the Quartz delegate for each. */
    enum Kind {
        DERBY("tables_derby.sql", org.quartz.impl.jdbcjobstore.StdJDBCDelegate.class.getName()),
        POSTGRES("tables_postgres.sql", org.quartz.impl.jdbcjobstore.PostgreSQLDelegate.class.getName());

        final String script;
        final String delegate;

        Kind(String script, String delegate) {
            this.script = script;
            this.delegate = delegate;
        }

        static Kind of(String productName) {
            String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
            if (p.contains("derby")) {
                return DERBY;
            }
            if (p.contains("postgres")) {
                return POSTGRES;
            }
            throw new IllegalStateException("the scheduler knows Quartz's tables for Derby and PostgreSQL, not "
                    + productName);
        }
    }

    private QuartzTables() {
    }

    /**
     * Whether the database is embedded in this JVM (Derby's embedded driver): no other server can share it, so
     * Quartz's cluster check-ins (a thread and a row update every check-in interval) would guard against nobody.
     */
    static boolean embedded(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            String driver = c.getMetaData().getDriverName();
            return driver != null && driver.toLowerCase(java.util.Locale.ROOT).contains("embedded");
        }
    }

    /**
     * Creates what is missing.
     *
     * @return the kind of database, for the delegate
     */
    static Kind ensure(DataSource ds) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            Kind kind = Kind.of(c.getMetaData().getDatabaseProductName());
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            int created;
            try {
                // another server starting now waits here, then finds every table ("already exists")
                created = SchemaLock.hold(c, conn -> create(conn, kind));
            } finally {
                c.setAutoCommit(autoCommit);
            }
            if (created > 0) {
                LOG.info("Created {} of Quartz's tables and indexes ({})", created, kind.script);
            }
            return kind;
        }
    }

    private static int create(Connection c, Kind kind) throws SQLException {
        int created = 0;
        try (Statement st = c.createStatement()) {
            for (String sql : statements(kind)) {
                try {
                    st.execute(sql);
                    created++;
                } catch (SQLException e) {
                    if (!exists(e)) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new SQLException("Quartz's script " + kind.script + " could not be read", e);
        }
        return created;
    }

    /** The script's CREATE statements, comments and DROPs left out. */
    static List<String> statements(Kind kind) throws IOException {
        String text;
        try (InputStream in = JobStoreSupport.class.getResourceAsStream(kind.script)) {
            if (in == null) {
                throw new IOException("Quartz's jar has no " + kind.script);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (!t.startsWith("--") && !t.startsWith("#")) {
                b.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : b.toString().split(";")) {
            String t = s.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("create ")) {
                out.add(t);
            }
        }
        return out;
    }

    /** Derby X0Y32 (table, index exists) or X0Y44/X0Y45 on a duplicate constraint; PostgreSQL 42P07. */
    private static boolean exists(SQLException e) {
        for (SQLException cur = e; cur != null; cur = cur.getNextException()) {
            String state = cur.getSQLState();
            if ("X0Y32".equals(state) || "42P07".equals(state) || "X0Y44".equals(state) || "X0Y45".equals(state)) {
                return true;
            }
        }
        return false;
    }
}
