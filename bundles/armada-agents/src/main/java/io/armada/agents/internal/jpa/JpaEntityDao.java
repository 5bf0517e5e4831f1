package io.armada.agents.internal.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.persistence.LockModeType;

import io.armada.agents.AgentStatus;
import io.armada.agents.internal.AgentRow;
import io.armada.agents.internal.EntityDao;
import io.armada.agents.internal.EntityRow;
import io.armada.core.ApiException;
import io.armada.persistence.JpaStore;

/** {@link EntityDao} on JPA: endpoints and entities, handed out as names and {@link EntityRow}s. */
public final class JpaEntityDao implements EntityDao {
    private final JpaStore store;

    public JpaEntityDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public List<String> endpoints(long agentId) {
        return store.tx(em -> em.createQuery("select e.endpoint from EndpointEntity e where e.agentId = :a"
                + " order by e.endpoint", String.class).setParameter("a", agentId).getResultList());
    }

    /** Endpoint names of several agents. */
    @Override
    public Map<Long, List<String>> endpoints(Collection<Long> agentIds) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        if (agentIds.isEmpty()) {
            return out;
        }
        List<Long> list = new ArrayList<>(agentIds);
        for (int i = 0; i < list.size(); i += 500) {
            List<Long> chunk = list.subList(i, Math.min(list.size(), i + 500));
            List<EndpointEntity> rows = store.tx(em -> em.createQuery("select e from EndpointEntity e"
                    + " where e.agentId in :ids order by e.agentId, e.endpoint", EndpointEntity.class)
                    .setParameter("ids", chunk).getResultList());
            for (EndpointEntity r : rows) {
                out.computeIfAbsent(r.agentId, k -> new ArrayList<>()).add(r.endpoint);
            }
        }
        return out;
    }

    /**
     * Adds endpoints to a live agent, all or nothing.
     *
     * @throws ApiException BAD_REQUEST when one exists already
     */
    @Override
    public void addEndpoints(long agentId, List<String> endpoints) {
        store.run(em -> {
            AgentEntity a = em.find(AgentEntity.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.status <= AgentStatus.DELETED) {
                throw ApiException.badRequest("agents id [" + agentId + "] can not be found");
            }
            for (String e : endpoints) {
                if (em.find(EndpointEntity.class, new EndpointEntity.Key(agentId, e)) != null) {
                    throw ApiException.badRequest("Endpoint " + e + " exists on agent " + agentId);
                }
                em.persist(new EndpointEntity(agentId, e));
            }
            em.flush();
        });
    }

    /**
     * Removes endpoints of an agent; refused (Goperation: resultcode -1) while one still has entities.
     *
     * @return how many were removed
     */
    @Override
    public int deleteEndpoints(long agentId, List<String> endpoints) {
        return store.tx(em -> {
            List<EndpointEntity> locked = new ArrayList<>();
            for (String e : endpoints) {
                EndpointEntity r = em.find(EndpointEntity.class, new EndpointEntity.Key(agentId, e),
                        LockModeType.PESSIMISTIC_WRITE);
                if (r != null) {
                    locked.add(r);
                }
            }
            long entities = em.createQuery("select count(n) from EntityEntity n where n.agentId = :a"
                    + " and n.endpoint in :e", Long.class).setParameter("a", agentId)
                    .setParameter("e", endpoints).getSingleResult();
            if (entities > 0) {
                throw ApiException.refused("delete endpoints fail, entitys still in endpoint");
            }
            for (EndpointEntity r : locked) {
                em.remove(r);
            }
            em.flush();
            return locked.size();
        });
    }

    @Override
    public boolean hasEndpoint(long agentId, String endpoint) {
        return store.tx(em -> em.find(EndpointEntity.class, new EndpointEntity.Key(agentId, endpoint)) != null);
    }

    /** Live agents that have an endpoint. */
    @Override
    public List<AgentRow> agentsWithEndpoint(String endpoint) {
        return store.tx(em -> em.createQuery("select a from AgentEntity a, EndpointEntity e where e.endpoint = :e"
                + " and e.agentId = a.agentId and a.status > :d order by a.agentId", AgentEntity.class)
                .setParameter("e", endpoint).setParameter("d", AgentStatus.DELETED).getResultList()
                .stream().map(AgentEntity::toDTO).toList());
    }

    @Override
    public long countEndpoint(String endpoint) {
        return store.tx(em -> em.createQuery("select count(e) from EndpointEntity e where e.endpoint = :e",
                Long.class).setParameter("e", endpoint).getSingleResult());
    }

    /**
     * Creates an entity with the endpoint's next number (or {@code requested}, which may not be lower than it) on an
     * active agent that has the endpoint. The agent and endpoint rows are locked.
     *
     * @param check run on the locked agent row (e.g. "must be online")
     * @throws io.armada.persistence.DuplicateKeyException when another server took the number meanwhile
     */
    @Override
    public EntityRow createEntity(long agentId, String endpoint, Long requested, String desc, long now,
            Consumer<AgentRow> check) {
        return store.tx(em -> {
            AgentEntity a = em.find(AgentEntity.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.status <= AgentStatus.DELETED) {
                throw ApiException.badRequest("agents id [" + agentId + "] can not be found");
            }
            if (a.status != AgentStatus.ACTIVE) {
                throw ApiException.badRequest("Create entity fail, agent status is not active");
            }
            EndpointEntity ep = em.find(EndpointEntity.class, new EndpointEntity.Key(agentId, endpoint),
                    LockModeType.PESSIMISTIC_WRITE);
            if (ep == null) {
                throw ApiException.badRequest("Create entity fail, agent " + agentId + " has no endpoint " + endpoint);
            }
            check.accept(a.toDTO());
            Long max = em.createQuery("select max(n.entity) from EntityEntity n where n.endpoint = :e", Long.class)
                    .setParameter("e", endpoint).getSingleResult();
            long next = max == null ? 1 : max + 1;
            long number = next;
            if (requested != null) {
                if (requested < next) {
                    throw ApiException.badRequest("Entity " + requested + " of endpoint " + endpoint
                            + " is lower than the next entity " + next);
                }
                number = requested;
            }
            EntityEntity r = new EntityEntity();
            r.endpoint = endpoint;
            r.entity = number;
            r.agentId = agentId;
            r.desc = desc;
            r.createTime = now;
            em.persist(r);
            em.flush();
            return r.toDTO();
        });
    }

    @Override
    public Optional<EntityRow> entity(String endpoint, long entity) {
        return store.tx(em -> Optional.ofNullable(em.find(EntityEntity.class, new EntityEntity.Key(endpoint, entity)))
                .map(EntityEntity::toDTO));
    }

    @Override
    public List<EntityRow> entities(long agentId, String endpoint) {
        return store.tx(em -> em.createQuery("select n from EntityEntity n where n.agentId = :a and n.endpoint = :e"
                + " order by n.entity", EntityEntity.class).setParameter("a", agentId).setParameter("e", endpoint)
                .getResultList()
                .stream().map(EntityEntity::toDTO).toList());
    }

    @Override
    public List<EntityRow> entitiesOfAgent(long agentId) {
        return store.tx(em -> em.createQuery("select n from EntityEntity n where n.agentId = :a"
                + " order by n.endpoint, n.entity", EntityEntity.class).setParameter("a", agentId).getResultList()
                .stream().map(EntityEntity::toDTO).toList());
    }

    @Override
    public List<EntityRow> entitiesOfEndpoint(String endpoint) {
        return store.tx(em -> em.createQuery("select n from EntityEntity n where n.endpoint = :e"
                + " order by n.entity", EntityEntity.class).setParameter("e", endpoint).getResultList()
                .stream().map(EntityEntity::toDTO).toList());
    }

    /** Deletes an entity row; {@code false} when it was not there. */
    @Override
    public boolean deleteEntity(String endpoint, long entity) {
        return store.tx(em -> {
            EntityEntity r = em.find(EntityEntity.class, new EntityEntity.Key(endpoint, entity),
                    LockModeType.PESSIMISTIC_WRITE);
            if (r == null) {
                return false;
            }
            em.remove(r);
            em.flush();
            return true;
        });
    }

    @Override
    public long countEntities(long agentId) {
        return store.tx(em -> JpaAgentDao.countEntities(em, agentId));
    }
}
