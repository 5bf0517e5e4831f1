package io.armada.tars.internal.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.tars.internal.StatDao;

/**
 * TARS_STAT and TARS_PROPERTY. A batch adds to each key with {@code update ... set x = x + ?} (atomic under the row
 * lock, so concurrent batches lose nothing; TARS_STAT's as one JDBC batch) and inserts the keys that have no row; keys are written in one order
 * so two batches never deadlock, and a batch that raced another's insert of a new key runs again.
 */
public final class JpaStatDao implements StatDao {
    private static final int ATTEMPTS = 4;
    private static final Comparator<StatAdd> STAT_ORDER = Comparator.comparingLong(StatAdd::slot)
            .thenComparing(StatAdd::slaveName).thenComparing(StatAdd::interfaceName)
            .thenComparing(StatAdd::masterName).thenComparing(StatAdd::masterIp).thenComparing(StatAdd::slaveIp);
    private static final Comparator<PropertyAdd> PROPERTY_ORDER = Comparator.comparingLong(PropertyAdd::slot)
            .thenComparing(PropertyAdd::masterName).thenComparing(PropertyAdd::propertyName)
            .thenComparing(PropertyAdd::policy).thenComparing(PropertyAdd::masterIp);
    private final JpaStore store;

    public JpaStatDao(JpaStore store) {
        this.store = store;
    }

    static final String UPDATE_STAT = "UPDATE TARS_STAT SET TOTAL_COUNT = TOTAL_COUNT + ?, FAIL_COUNT = FAIL_COUNT + ?,"
            + " TIMEOUT_COUNT = TIMEOUT_COUNT + ?, TOTAL_TIME = TOTAL_TIME + ? WHERE SLOT = ? AND SLAVE_NAME = ?"
            + " AND INTERFACE_NAME = ? AND MASTER_NAME = ? AND MASTER_IP = ? AND SLAVE_IP = ?";
    static final String INSERT_STAT = "INSERT INTO TARS_STAT (SLOT, SLAVE_NAME, INTERFACE_NAME, MASTER_NAME,"
            + " MASTER_IP, SLAVE_IP, TOTAL_COUNT, FAIL_COUNT, TIMEOUT_COUNT, TOTAL_TIME)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * One JDBC batch of updates (one statement prepared once, not one JPQL update per key: a batch of 400 keys took
     * 0.4 s that way), then one batch inserting the keys no row had, in the transaction's connection.
     */
    @Override
    public void addStats(Collection<StatAdd> adds) {
        List<StatAdd> sorted = new ArrayList<>(adds);
        sorted.sort(STAT_ORDER);
        retry(() -> store.run(em -> {
            java.sql.Connection c = em.unwrap(java.sql.Connection.class);
            try {
                int[] updated;
                try (java.sql.PreparedStatement u = c.prepareStatement(UPDATE_STAT)) {
                    for (StatAdd a : sorted) {
                        u.setLong(1, a.count());
                        u.setLong(2, a.failCount());
                        u.setLong(3, a.timeoutCount());
                        u.setLong(4, a.totalTime());
                        key(u, 5, a);
                        u.addBatch();
                    }
                    updated = u.executeBatch();
                }
                boolean any = false;
                try (java.sql.PreparedStatement i = c.prepareStatement(INSERT_STAT)) {
                    for (int n = 0; n < sorted.size(); n++) {
                        if (updated[n] == 0) {
                            StatAdd a = sorted.get(n);
                            key(i, 1, a);
                            i.setLong(7, a.count());
                            i.setLong(8, a.failCount());
                            i.setLong(9, a.timeoutCount());
                            i.setLong(10, a.totalTime());
                            i.addBatch();
                            any = true;
                        }
                    }
                    if (any) {
                        i.executeBatch();
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new javax.persistence.PersistenceException(e);
            }
        }));
    }

    private static void key(java.sql.PreparedStatement p, int first, StatAdd a) throws java.sql.SQLException {
        p.setLong(first, a.slot());
        p.setString(first + 1, a.slaveName());
        p.setString(first + 2, a.interfaceName());
        p.setString(first + 3, a.masterName());
        p.setString(first + 4, a.masterIp());
        p.setString(first + 5, a.slaveIp());
    }

    @Override
    public void addProperties(Collection<PropertyAdd> adds) {
        List<PropertyAdd> sorted = new ArrayList<>(adds);
        sorted.sort(PROPERTY_ORDER);
        retry(() -> store.run(em -> {
            for (PropertyAdd a : sorted) {
                PropertyEntity e = em.createQuery("select p from PropertyEntity p where p.slot = :slot"
                        + " and p.masterName = :mn and p.propertyName = :pn and p.policy = :po and p.masterIp = :mi",
                        PropertyEntity.class).setParameter("slot", a.slot()).setParameter("mn", a.masterName())
                        .setParameter("pn", a.propertyName()).setParameter("po", a.policy())
                        .setParameter("mi", a.masterIp()).setLockMode(javax.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .getResultList().stream().findFirst().orElse(null);
                if (e == null) {
                    e = new PropertyEntity();
                    e.slot = a.slot();
                    e.masterName = a.masterName();
                    e.masterIp = a.masterIp();
                    e.propertyName = a.propertyName();
                    e.policy = a.policy();
                    e.sum = a.sum();
                    e.count = a.count();
                    e.max = a.max();
                    e.min = a.min();
                    em.persist(e);
                    em.flush();
                } else {
                    e.sum += a.sum();
                    e.count += a.count();
                    e.max = Math.max(e.max, a.max());
                    e.min = Math.min(e.min, a.min());
                }
            }
        }));
    }

    private static void retry(Runnable r) {
        for (int attempt = 1;; attempt++) {
            try {
                r.run();
                return;
            } catch (DuplicateKeyException raced) {
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private static String where(Map<String, String> filters, long from, long to) {
        StringBuilder w = new StringBuilder(" where x.slot >= :from and x.slot <= :to");
        filters.keySet().stream().sorted().forEach(k -> w.append(" and x.").append(k).append(" = :").append(k));
        return w.toString();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> q, Map<String, String> filters, long from, long to) {
        q.setParameter("from", from).setParameter("to", to);
        filters.forEach(q::setParameter);
        return q;
    }

    @Override
    public List<StatSum> statSums(long from, long to, Map<String, String> filters, String groupBy) {
        return store.tx(em -> sums(em, "StatEntity", "sum(x.totalCount), sum(x.failCount), sum(x.timeoutCount),"
                + " sum(x.totalTime)", from, to, filters, groupBy).stream().map(r -> new StatSum(r[0], num(r[1]),
                        num(r[2]), num(r[3]), num(r[4]))).toList());
    }

    @Override
    public List<PropertySum> propertySums(long from, long to, Map<String, String> filters, String groupBy) {
        return store.tx(em -> sums(em, "PropertyEntity", "sum(x.sum), sum(x.count), max(x.max), min(x.min)", from,
                to, filters, groupBy).stream().map(r -> new PropertySum(r[0], dbl(r[1]), num(r[2]), dbl(r[3]),
                        dbl(r[4]))).toList());
    }

    @Override
    public int deleteStatsBefore(long slot, int limit) {
        return deleteBefore("StatEntity", slot, limit);
    }

    @Override
    public int deletePropertiesBefore(long slot, int limit) {
        return deleteBefore("PropertyEntity", slot, limit);
    }

    /** One bounded chunk: the ids of the oldest rows (the key index starts with SLOT), then those rows. */
    private int deleteBefore(String entity, long slot, int limit) {
        return store.tx(em -> {
            List<Long> ids = em.createQuery("select x.id from " + entity + " x where x.slot < :slot order by x.slot",
                    Long.class).setParameter("slot", slot).setMaxResults(limit).getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            return em.createQuery("delete from " + entity + " x where x.id in :ids").setParameter("ids", ids)
                    .executeUpdate();
        });
    }

    private static List<Object[]> sums(EntityManager em, String entity, String aggregates, long from, long to,
            Map<String, String> filters, String groupBy) {
        String q = "select x." + groupBy + ", " + aggregates + " from " + entity + " x" + where(filters, from, to)
                + " group by x." + groupBy + " order by x." + groupBy;
        return bind(em.createQuery(q, Object[].class), filters, from, to).getResultList();
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static double dbl(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }
}
