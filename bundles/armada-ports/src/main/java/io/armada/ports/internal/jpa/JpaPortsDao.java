package io.armada.ports.internal.jpa;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.armada.core.ApiException;
import io.armada.persistence.JpaStore;
import io.armada.ports.PortAllocation;
import io.armada.ports.internal.PortsDao;

/** {@link PortsDao} on JPA: the ports area's only access to its table. */
public final class JpaPortsDao implements PortsDao {
    private final JpaStore store;

    public JpaPortsDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public Set<Integer> used(long agentId) {
        return store.tx(em -> new HashSet<>(em
                .createQuery("select p.port from PortEntity p where p.agentId = :a", Integer.class)
                .setParameter("a", agentId).getResultList()));
    }

    @Override
    public void insert(long agentId, String endpoint, long entity, List<Integer> ports, String desc,
            long allocatedAt) {
        store.run(em -> {
            for (Integer p : ports) {
                em.persist(new PortEntity(agentId, p, endpoint, entity, desc, allocatedAt));
            }
            em.flush();
        });
    }

    @Override
    public int delete(long agentId, String endpoint, long entity, Collection<Integer> ports, boolean strict) {
        return store.tx(em -> {
            int n = em.createQuery("delete from PortEntity p where p.agentId = :a and p.endpoint = :e"
                    + " and p.entity = :n and p.port in :ports")
                    .setParameter("a", agentId).setParameter("e", endpoint).setParameter("n", entity)
                    .setParameter("ports", List.copyOf(ports)).executeUpdate();
            if (strict && n != ports.size()) {
                throw ApiException.badRequest("Submit " + ports.size() + " ports, but only " + n + " ports found");
            }
            return n;
        });
    }

    @Override
    public int deleteEntity(long agentId, String endpoint, long entity) {
        return store.tx(em -> em.createQuery("delete from PortEntity p where p.agentId = :a and p.endpoint = :e"
                + " and p.entity = :n")
                .setParameter("a", agentId).setParameter("e", endpoint).setParameter("n", entity).executeUpdate());
    }

    @Override
    public List<PortAllocation> byAgent(long agentId) {
        return store.tx(em -> em.createQuery("select p from PortEntity p where p.agentId = :a order by p.port",
                PortEntity.class).setParameter("a", agentId).getResultList().stream().map(PortEntity::toDTO)
                .toList());
    }

    @Override
    public List<PortAllocation> byEntity(long agentId, String endpoint, long entity) {
        return store.tx(em -> em.createQuery("select p from PortEntity p where p.agentId = :a and p.endpoint = :e"
                + " and p.entity = :n order by p.port", PortEntity.class)
                .setParameter("a", agentId).setParameter("e", endpoint).setParameter("n", entity).getResultList()
                .stream().map(PortEntity::toDTO).toList());
    }

    @Override
    public List<PortAllocation> byEndpoint(String endpoint) {
        return store.tx(em -> em.createQuery("select p from PortEntity p where p.endpoint = :e"
                + " order by p.entity, p.port", PortEntity.class).setParameter("e", endpoint).getResultList()
                .stream().map(PortEntity::toDTO).toList());
    }
}
