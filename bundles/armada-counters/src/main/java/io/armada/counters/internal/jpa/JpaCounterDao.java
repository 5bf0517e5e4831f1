package io.armada.counters.internal.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.armada.counters.internal.CounterDao;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/**
 * Counters in table {@code COUNTERS_COUNTER}. An increment is one bulk {@code UPDATE} (the database adds, under its
 * row lock) and a read of the result in the same transaction; the row is created by the first increment.
 */
public final class JpaCounterDao implements CounterDao {
    private final JpaStore store;

    public JpaCounterDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public long add(String name, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("a counter only goes up, not by " + n);
        }
        try {
            return addOnce(name, n);
        } catch (DuplicateKeyException firstRowRace) {
            // another writer (maybe another server) created the row between our UPDATE and INSERT: it exists now
            return addOnce(name, n);
        }
    }

    private long addOnce(String name, long n) {
        return store.tx(em -> {
            int updated = em.createQuery("update CounterEntity c set c.value = c.value + :n where c.name = :name")
                    .setParameter("n", n).setParameter("name", name).executeUpdate();
            if (updated == 0) {
                em.persist(new CounterEntity(name, n));
                em.flush();
                return n;
            }
            return em.createQuery("select c.value from CounterEntity c where c.name = :name", Long.class)
                    .setParameter("name", name).getSingleResult();
        });
    }

    @Override
    public Map<String, Long> values() {
        List<Object[]> rows = store.tx(em -> em
                .createQuery("select c.name, c.value from CounterEntity c", Object[].class).getResultList());
        Map<String, Long> values = new HashMap<>();
        for (Object[] row : rows) {
            values.put((String) row[0], ((Number) row[1]).longValue());
        }
        return values;
    }
}
