package io.armada.persistence;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which servers sharing one database are alive, for one area: each server beats (a counter in the table
 * {@code ARMADA_LEASE}, one row per area and server), and a server whose counter has not moved for a lease, as this
 * server's own clock sees it, is gone. Work a server owns (a task, an async request) is then taken over by another.
 *
 * <p>No server's clock is compared with another's: a beat is a counter, and its age is the time this server saw it
 * last change. So a server that has just started holds everyone alive for one lease before it takes anything over,
 * and owners with no row at all (work written before leases existed) are gone at once after the first look.
 *
 * <p>The area calls {@link #beat()} from its own timer, about every lease / 5; {@link #alive(String)} answers from
 * the last beat's look, without touching the database. Thread-safe.
 *
 * @since 1.2
 */
public final class ServerLeases {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLeases.class);
    private static final String TABLE = "ARMADA_LEASE";

    private final JpaStore store;
    private final String area;
    private final String self;
    private final long leaseMillis;
    private final LongSupplier clock;
    /** server → its last counter and when this server saw it change; {@code null} before the first look. */
    private volatile Map<String, Seen> seen;
    private boolean tableReady;

    private record Seen(long beat, long changedAtMillis) {
    }

    /**
     * @param store the area's store (the table is created through it at the first beat)
     * @param area the area's name, for example {@code tars}
     * @param self this server's name ({@link #serverName(String)})
     * @param leaseMillis how long a counter may stand still before its server is gone
     * @param clock epoch milliseconds of this server
     */
    public ServerLeases(JpaStore store, String area, String self, long leaseMillis, LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.area = Objects.requireNonNull(area, "area");
        this.self = Objects.requireNonNull(self, "self");
        if (leaseMillis < 1000) {
            throw new IllegalArgumentException("a lease of " + leaseMillis + " ms is too short");
        }
        this.leaseMillis = leaseMillis;
        this.clock = clock;
    }

    /**
     * This server's name among the servers of one database: {@code configured} when set, else the system property
     * {@code armada.server.name}, else the host name and HTTP port ({@code host:8181}), so that two servers on one
     * machine differ.
     *
     * @param configured an area's setting, may be {@code null} or blank
     * @return the name, never blank
     */
    public static String serverName(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String property = System.getProperty("armada.server.name");
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String port = System.getProperty("armada.http.port", System.getProperty("org.osgi.service.http.port", ""));
        return port.isBlank() ? host : host + ":" + port.trim();
    }

    /** This server's name. */
    public String self() {
        return self;
    }

    /**
     * Counts one beat of this server and looks at the others' (two statements in one transaction).
     *
     * @throws RuntimeException when the database cannot be reached (the last look stays)
     */
    public void beat() {
        ensureTable();
        long now = clock.getAsLong();
        List<?> rows = store.tx(em -> {
            int n = em.createNativeQuery("UPDATE " + TABLE + " SET BEAT = BEAT + 1 WHERE AREA = ? AND SERVER = ?")
                    .setParameter(1, area).setParameter(2, self).executeUpdate();
            if (n == 0) {
                em.createNativeQuery("INSERT INTO " + TABLE + " (AREA, SERVER, BEAT) VALUES (?, ?, 1)")
                        .setParameter(1, area).setParameter(2, self).executeUpdate();
            }
            return em.createNativeQuery("SELECT SERVER, BEAT FROM " + TABLE + " WHERE AREA = ?")
                    .setParameter(1, area).getResultList();
        });
        Map<String, Seen> before = seen;
        Map<String, Seen> after = new HashMap<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            String server = (String) r[0];
            long beat = ((Number) r[1]).longValue();
            Seen old = before == null ? null : before.get(server);
            after.put(server, old != null && old.beat == beat ? old : new Seen(beat, now));
        }
        seen = after;
    }

    /**
     * Whether {@code server} is alive: this server always; before this server's first look, everyone (nothing is
     * taken over blind); then a server whose counter moved within the lease.
     *
     * @param server an owner's name; {@code null} (work of no known owner) is never alive once looked
     * @return {@code true} when its work must be left to it
     */
    public boolean alive(String server) {
        if (self.equals(server)) {
            return true;
        }
        Map<String, Seen> s = seen;
        if (s == null) {
            return true;
        }
        Seen x = server == null ? null : s.get(server);
        return x != null && clock.getAsLong() - x.changedAtMillis < leaseMillis;
    }

    /**
     * One beat, then {@code then} (the area's take-over of gone servers' work) if the beat reached the database; a
     * failed beat is logged and the next run tries again. What an area's timer runs about every lease / 5 (core's
     * shared timer, so the beats need no thread).
     *
     * @param then what to do after a beat that reached the database
     * @return the task to run every period
     * @since 1.3
     */
    public Runnable beatThen(Runnable then) {
        return () -> {
            try {
                beat();
            } catch (RuntimeException e) {
                LOG.warn("The {} lease of {} could not beat: {}", area, self, e.toString());
                return;
            }
            then.run();
        };
    }

    /** Whether this server has looked at the others at least once. */
    public boolean looked() {
        return seen != null;
    }

    /** Whether the table is there (PostgreSQL folds the unquoted name to lower case, Derby to upper). */
    private static boolean exists(java.sql.Connection c) {
        try {
            for (String name : new String[] {TABLE, TABLE.toLowerCase(java.util.Locale.ROOT)}) {
                try (java.sql.ResultSet r = c.getMetaData().getTables(null, null, name, null)) {
                    if (r.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.sql.SQLException e) {
            throw new javax.persistence.PersistenceException(e);
        }
    }

    private static void lock(java.sql.Connection c) {
        try {
            SchemaLock.holdUntilCommit(c);
        } catch (java.sql.SQLException e) {
            throw new javax.persistence.PersistenceException(e);
        }
    }

    private void ensureTable() {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (tableReady) {
                return;
            }
            try {
                store.run(em -> {
                    java.sql.Connection c = em.unwrap(java.sql.Connection.class);
                    lock(c); // another server starting now waits here, then finds the table
                    if (!exists(c)) {
                        em.createNativeQuery("CREATE TABLE " + TABLE + " (AREA VARCHAR(64) NOT NULL, SERVER VARCHAR(200)"
                                + " NOT NULL, BEAT BIGINT NOT NULL, PRIMARY KEY (AREA, SERVER))").executeUpdate();
                        LOG.info("Created table {}", TABLE);
                    }
                });
            } catch (DuplicateKeyException | javax.persistence.PersistenceException e) {
                // created meanwhile by another area or server: the beat itself shows if it is not there
                LOG.debug("{} not created: {}", TABLE, e.toString());
            }
            tableReady = true;
        }
    }
}
