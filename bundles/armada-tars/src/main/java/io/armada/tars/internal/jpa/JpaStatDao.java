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
 * TARS_STAT and TARS_PROPERTY. A batch adds to each key with one {@code update ... set x = x + :d} (atomic under the
 * row lock, so concurrent batches lose nothing) and inserts the keys that have no row; keys are written in one order
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

    @Override
    public void addStats(Collection<StatAdd> adds) {
        List<StatAdd> sorted = new ArrayList<>(adds);
        sorted.sort(STAT_ORDER);
        retry(() -> store.run(em -> {
            for (StatAdd a : sorted) {
                int n = em.createQuery("update StatEntity s set s.totalCount = s.totalCount + :c,"
                        + " s.failCount = s.failCount + :f, s.timeoutCount = s.timeoutCount + :t,"
                        + " s.totalTime = s.totalTime + :tt where s.slot = :slot and s.slaveName = :sn"
                        + " and s.interfaceName = :i and s.masterName = :mn and s.masterIp = :mi and s.slaveIp = :si")
                        .setParameter("c", a.count()).setParameter("f", a.failCount())
                        .setParameter("t", a.timeoutCount()).setParameter("tt", a.totalTime())
                        .setParameter("slot", a.slot()).setParameter("sn", a.slaveName())
                        .setParameter("i", a.interfaceName()).setParameter("mn", a.masterName())
                        .setParameter("mi", a.masterIp()).setParameter("si", a.slaveIp()).executeUpdate();
                if (n == 0) {
                    StatEntity e = new StatEntity();
                    e.slot = a.slot();
                    e.masterName = a.masterName();
                    e.slaveName = a.slaveName();
                    e.interfaceName = a.interfaceName();
                    e.masterIp = a.masterIp();
                    e.slaveIp = a.slaveIp();
                    e.totalCount = a.count();
                    e.failCount = a.failCount();
                    e.timeoutCount = a.timeoutCount();
                    e.totalTime = a.totalTime();
                    em.persist(e);
                    em.flush();
                }
            }
        }));
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
