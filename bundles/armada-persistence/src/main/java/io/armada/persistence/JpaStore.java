package io.armada.persistence;

import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an area's DAO runs its work: each call is one transaction on the area's persistence unit, committed before it
 * returns (so an acknowledged write is on disk), rolled back entirely on failure. Database failures come out
 * translated: a unique-constraint violation as {@link DuplicateKeyException}; a deadlock or lock timeout is retried
 * (the work must then touch nothing but the database).
 *
 * <p>Wraps Aries JPA's {@link JpaTemplate} so an area never repeats transaction code and the mechanism stays
 * replaceable in one place.
 *
 * @since 1.0
 */
public final class JpaStore {
    private static final Logger LOG = LoggerFactory.getLogger(JpaStore.class);
    /**
     * Tries of one transaction that the database refused for a transient reason, with a growing random pause between
     * them (at most {@value #MAX_PAUSE_MILLIS} ms, about 1.5 s in all): Derby answers a burst of contention on an
     * identity column's generator with immediate lock time-outs, which three tries without a pause did not outlast.
     */
    static final int ATTEMPTS = 8;
    static final long MAX_PAUSE_MILLIS = 400;

    private final JpaTemplate jpa;

    public JpaStore(JpaTemplate jpa) {
        this.jpa = Objects.requireNonNull(jpa, "jpa");
    }

    /**
     * Runs {@code work} in one transaction and returns its result.
     *
     * @param work what to do with the entity manager; may run more than once if the database reports a deadlock
     * @param <R> the result type
     * @return what {@code work} returned
     * @throws DuplicateKeyException when a unique constraint refused the write
     * @throws javax.persistence.PersistenceException for other database failures
     * @since 1.0
     */
    public <R> R tx(Function<EntityManager, R> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return jpa.txExpr(TransactionType.Required, (EmFunction<R>) work::apply);
            } catch (RuntimeException e) {
                if (isUniqueViolation(e)) {
                    throw new DuplicateKeyException("duplicate key", e);
                }
                if (attempt < ATTEMPTS && isTransient(e)) {
                    LOG.debug("Retrying a transaction after a transient database failure (attempt {})", attempt);
                    pause(attempt);
                    continue;
                }
                if (isTransient(e)) {
                    LOG.warn("A transaction failed {} times for a transient database reason ({}); giving up",
                            ATTEMPTS, sqlState(e));
                }
                throw e;
            }
        }
    }

    /**
     * Runs {@code work} in one transaction.
     *
     * @param work what to do with the entity manager
     * @throws DuplicateKeyException when a unique constraint refused the write
     * @since 1.0
     */
    public void run(EmConsumer work) {
        tx(em -> {
            work.accept(em);
            return null;
        });
    }

    /**
     * Whether a failure, anywhere in its cause chain, is a unique-constraint violation.
     *
     * @param t the failure
     * @return {@code true} for SQLState 23505
     * @since 1.0
     */
    public static boolean isUniqueViolation(Throwable t) {
        String state = sqlState(t);
        return "23505".equals(state);
    }

    /** A random pause before try {@code attempt + 1}: up to 10, 20, 40 ... ms, never over the cap. */
    static long pauseMillis(int attempt, java.util.random.RandomGenerator random) {
        long cap = Math.min(MAX_PAUSE_MILLIS, 10L << Math.min(attempt - 1, 16));
        return 1 + random.nextLong(cap);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(pauseMillis(attempt, java.util.concurrent.ThreadLocalRandom.current()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a failure, anywhere in its cause chain, is one the database may not repeat when the transaction runs
     * again: a deadlock (40001, PostgreSQL's 40P01) or a Derby lock time-out (40XL1, 40XL2).
     *
     * @param t the failure
     * @return {@code true} for those SQLStates
     * @since 1.1
     */
    public static boolean isTransient(Throwable t) {
        String state = sqlState(t);
        return state != null && (state.equals("40001") || state.startsWith("40XL") || state.equals("40P01"));
    }

    private static String sqlState(Throwable t) {
        Throwable cur = t;
        for (int i = 0; cur != null && i < 16; i++, cur = cur.getCause()) {
            if (cur instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
