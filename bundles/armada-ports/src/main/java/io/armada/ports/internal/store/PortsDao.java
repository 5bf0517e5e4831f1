package io.armada.ports.internal.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.armada.core.ApiException;
import io.armada.persistence.JpaStore;

/** The ports area's only access to its table. Each method is one transaction. */
public final class PortsDao {
    private final JpaStore store;

    public PortsDao(JpaStore store) {
        this.store = store;
    }

    /** Ports in use on an agent. */
    public Set<Integer> used(long agentId) {
        return store.tx(em -> new HashSet<>(em
                .createQuery("select p.port from PortRecord p where p.agentId = :a", Integer.class)
                .setParameter("a", agentId).getResultList()));
    }

    /**
     * Inserts all rows in one transaction.
     *
     * @throws io.armada.persistence.DuplicateKeyException when one of the ports is taken; nothing is kept
     */
    public void insert(List<PortRecord> rows) {
        store.run(em -> {
            for (PortRecord r : rows) {
                em.persist(r);
            }
            em.flush();
        });
    }

    /**
     * Deletes some ports of an entity.
     *
     * @param strict when the count differs from {@code ports.size()}, roll back and refuse
     * @return rows deleted
     */
    public int delete(long agentId, String endpoint, long entity, Collection<Integer> ports, boolean strict) {
        return store.tx(em -> {
            int n = em.createQuery("delete from PortRecord p where p.agentId = :a and p.endpoint = :e"
                    + " and p.entity = :n and p.port in :ports")
                    .setParameter("a", agentId).setParameter("e", endpoint).setParameter("n", entity)
                    .setParameter("ports", List.copyOf(ports)).executeUpdate();
            if (strict && n != ports.size()) {
                throw ApiException.badRequest("Submit " + ports.size() + " ports, but only " + n + " ports found");
            }
            return n;
        });
    }

    /** Deletes every port of an entity. */
    public int deleteEntity(long agentId, String endpoint, long entity) {
        return store.tx(em -> em.createQuery("delete from PortRecord p where p.agentId = :a and p.endpoint = :e"
                + " and p.entity = :n")
                .setParameter("a", agentId).setParameter("e", endpoint).setParameter("n", entity).executeUpdate());
    }

    public List<PortRecord> byAgent(long agentId) {
        return store.tx(em -> em.createQuery("select p from PortRecord p where p.agentId = :a order by p.port",
                PortRecord.class).setParameter("a", agentId).getResultList());
    }

    public List<PortRecord> byEntity(long agentId, String endpoint, long entity) {
        return store.tx(em -> em.createQuery("select p from PortRecord p where p.agentId = :a and p.endpoint = :e"
                + " and p.entity = :n order by p.port", PortRecord.class)
                .setParameter("a", agentId).setParameter("e", endpoint).setParameter("n", entity).getResultList());
    }

    public List<PortRecord> byEndpoint(String endpoint) {
        return store.tx(em -> em.createQuery("select p from PortRecord p where p.endpoint = :e"
                + " order by p.entity, p.port", PortRecord.class).setParameter("e", endpoint).getResultList());
    }

    /** Agents that have allocations, for the shell's completion when no directory is there. */
    public List<Long> agents() {
        return store.tx(em -> em.createQuery("select distinct p.agentId from PortRecord p order by p.agentId",
                Long.class).getResultList());
    }
}
