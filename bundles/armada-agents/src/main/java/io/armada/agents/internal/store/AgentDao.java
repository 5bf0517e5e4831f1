package io.armada.agents.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import io.armada.agents.AgentStatus;
import io.armada.core.ApiException;
import io.armada.persistence.JpaStore;

/**
 * All database work of agents, endpoints and entities. Each public method is one transaction; rules that need the
 * database's view (no entities left, the agent still live) are checked inside it, with the agent's or endpoint's
 * row locked, so two servers on one database cannot interleave a delete with a create.
 */
public final class AgentDao {
    /** Columns a list may be ordered by (Goperation column names). */
    static final Map<String, String> ORDER = Map.of("agent_id", "agentId", "host", "host", "agent_type", "agentType",
            "status", "status", "cpu", "cpu", "memory", "memory", "disk", "disk", "create_time", "createTime");

    private final JpaStore store;

    public AgentDao(JpaStore store) {
        this.store = store;
    }

    // ------------------------------------------------------------------ agents

    /**
     * Inserts an agent and its endpoints.
     *
     * @throws io.armada.persistence.DuplicateKeyException when the host (among live agents) or node uuid exists
     */
    public AgentRecord create(AgentRecord agent, List<String> endpoints) {
        return store.tx(em -> {
            em.persist(agent);
            em.flush();
            for (String e : endpoints) {
                em.persist(new EndpointRecord(agent.agentId, e));
            }
            em.flush();
            return agent;
        });
    }

    public Optional<AgentRecord> find(long agentId) {
        return store.tx(em -> Optional.ofNullable(em.find(AgentRecord.class, agentId)));
    }

    public Optional<AgentRecord> findByNodeUuid(String nodeUuid) {
        return store.tx(em -> em.createQuery("select a from AgentRecord a where a.nodeUuid = :u", AgentRecord.class)
                .setParameter("u", nodeUuid).getResultList().stream().findFirst());
    }

    public Optional<AgentRecord> findLiveByHost(String host) {
        return store.tx(em -> em.createQuery("select a from AgentRecord a where a.activeHost = :h", AgentRecord.class)
                .setParameter("h", host).getResultList().stream().findFirst());
    }

    public Optional<AgentRecord> findLiveByIp(String ip) {
        return store.tx(em -> em.createQuery("select a from AgentRecord a where a.ip = :ip and a.status > :d"
                + " order by a.agentId", AgentRecord.class)
                .setParameter("ip", ip).setParameter("d", AgentStatus.DELETED).setMaxResults(1)
                .getResultList().stream().findFirst());
    }

    /** Live agents (status above deleted) or deleted ones, by id. */
    public List<AgentRecord> all(boolean deleted) {
        return store.tx(em -> em.createQuery("select a from AgentRecord a where a.status " + (deleted ? "<=" : ">")
                + " :d order by a.agentId", AgentRecord.class).setParameter("d", AgentStatus.DELETED).getResultList());
    }

    /** Live agents among {@code ids}. */
    public List<AgentRecord> live(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<AgentRecord> out = new ArrayList<>();
        List<Long> list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += 500) {
            List<Long> chunk = list.subList(i, Math.min(list.size(), i + 500));
            out.addAll(store.tx(em -> em.createQuery("select a from AgentRecord a where a.agentId in :ids"
                    + " and a.status > :d order by a.agentId", AgentRecord.class)
                    .setParameter("ids", chunk).setParameter("d", AgentStatus.DELETED).getResultList()));
        }
        return out;
    }

    public Set<Long> liveIds() {
        return new HashSet<>(store.tx(em -> em.createQuery("select a.agentId from AgentRecord a where a.status > :d",
                Long.class).setParameter("d", AgentStatus.DELETED).getResultList()));
    }

    /** A page of the agent list with the total count. */
    public record Page(long total, List<AgentRecord> rows) {
    }

    public Page page(String agentType, boolean deleted, String order, boolean desc, int offset, int limit) {
        String orderBy;
        if (order == null || order.isBlank()) {
            orderBy = "a.agentId";
        } else {
            String field = ORDER.get(order);
            if (field == null) {
                throw ApiException.badRequest("Cano not find column " + order + " in agents");
            }
            orderBy = "a." + field;
        }
        String where = " where a.status " + (deleted ? "<=" : ">") + " :d"
                + (agentType != null && !agentType.isBlank() ? " and a.agentType = :t" : "");
        return store.tx(em -> {
            TypedQuery<Long> count = em.createQuery("select count(a) from AgentRecord a" + where, Long.class);
            TypedQuery<AgentRecord> rows = em.createQuery("select a from AgentRecord a" + where + " order by "
                    + orderBy + (desc ? " desc" : "") + ", a.agentId", AgentRecord.class);
            count.setParameter("d", AgentStatus.DELETED);
            rows.setParameter("d", AgentStatus.DELETED);
            if (agentType != null && !agentType.isBlank()) {
                count.setParameter("t", agentType);
                rows.setParameter("t", agentType);
            }
            return new Page(count.getSingleResult(), rows.setFirstResult(offset).setMaxResults(limit).getResultList());
        });
    }

    /** Binds a node to an agent created through the API (no node uuid yet) and records where it answers. */
    public AgentRecord adoptNode(long agentId, String nodeUuid, Consumer<AgentRecord> figures) {
        return store.tx(em -> {
            AgentRecord a = em.find(AgentRecord.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.nodeUuid != null) {
                throw ApiException.refused("Create agent fail,AgentHostExist:Agent with host "
                        + (a == null ? "?" : a.host) + " alreday eixst");
            }
            a.nodeUuid = nodeUuid;
            figures.accept(a);
            em.flush();
            return a;
        });
    }

    /** Applies a change to a live agent's row. */
    public AgentRecord change(long agentId, Consumer<AgentRecord> change) {
        return store.tx(em -> {
            AgentRecord a = em.find(AgentRecord.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.status <= AgentStatus.DELETED) {
                throw ApiException.badRequest("agents id [" + agentId + "] can not be found");
            }
            change.accept(a);
            if (a.status > AgentStatus.DELETED) {
                a.activeHost = a.host;
            }
            em.flush();
            return a;
        });
    }

    /** Applies the same change to several live agents, all or nothing. */
    public List<AgentRecord> changeAll(Collection<Long> agentIds, Consumer<AgentRecord> change) {
        return store.tx(em -> {
            List<AgentRecord> out = new ArrayList<>();
            for (Long id : agentIds) {
                AgentRecord a = em.find(AgentRecord.class, id, LockModeType.PESSIMISTIC_WRITE);
                if (a == null || a.status <= AgentStatus.DELETED) {
                    throw ApiException.badRequest("agents id [" + id + "] can not be found");
                }
                change.accept(a);
                a.activeHost = a.host;
                out.add(a);
            }
            em.flush();
            return out;
        });
    }

    /**
     * Marks a live agent deleted; refused while it has entities. The host becomes free for a new agent.
     *
     * @param check run on the locked row before the change (e.g. "must be online")
     */
    public AgentRecord markDeleted(long agentId, Consumer<AgentRecord> check) {
        return store.tx(em -> {
            AgentRecord a = em.find(AgentRecord.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.status <= AgentStatus.DELETED) {
                throw ApiException.badRequest("agents id [" + agentId + "] can not be found");
            }
            long entities = countEntities(em, agentId);
            if (entities > 0) {
                throw ApiException.badRequest("Can not delete agent, entity not 0");
            }
            check.accept(a);
            a.status = AgentStatus.DELETED;
            a.activeHost = null;
            em.flush();
            return a;
        });
    }

    /**
     * Removes a deleted agent and its endpoints for good.
     *
     * @return the removed row
     */
    public AgentRecord clean(long agentId) {
        return store.tx(em -> {
            AgentRecord a = em.find(AgentRecord.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null) {
                throw ApiException.notFound("Agent " + agentId + " not found");
            }
            if (a.status > AgentStatus.DELETED) {
                throw ApiException.badRequest("Clean agent " + agentId + " fail, agent is not deleted");
            }
            long entities = countEntities(em, agentId);
            if (entities > 0) {
                throw ApiException.badRequest("Clean agent " + agentId + " fail, still has " + entities + " entitys");
            }
            em.createQuery("delete from EndpointRecord e where e.agentId = :a").setParameter("a", agentId)
                    .executeUpdate();
            em.remove(a);
            em.flush();
            return a;
        });
    }

    /**
     * Stores the last report time of many agents in one transaction with a JDBC batch (the periodic flush of the
     * online state).
     */
    public void lastReports(Map<Long, Long> lastReport) {
        if (lastReport.isEmpty()) {
            return;
        }
        store.run(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE AGENTS_AGENT SET LAST_REPORT = ? WHERE AGENT_ID = ? AND (LAST_REPORT IS NULL OR LAST_REPORT < ?)")) {
                int n = 0;
                for (Map.Entry<Long, Long> e : new TreeMap<>(lastReport).entrySet()) {
                    ps.setLong(1, e.getValue());
                    ps.setLong(2, e.getKey());
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                    if (++n % 500 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw new PersistenceException("last report update failed", e);
            }
        });
    }

    // ------------------------------------------------------------------ endpoints

    public List<String> endpoints(long agentId) {
        return store.tx(em -> em.createQuery("select e.endpoint from EndpointRecord e where e.agentId = :a"
                + " order by e.endpoint", String.class).setParameter("a", agentId).getResultList());
    }

    /** Endpoint names of several agents. */
    public Map<Long, List<String>> endpoints(Collection<Long> agentIds) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        if (agentIds.isEmpty()) {
            return out;
        }
        List<Long> list = new ArrayList<>(agentIds);
        for (int i = 0; i < list.size(); i += 500) {
            List<Long> chunk = list.subList(i, Math.min(list.size(), i + 500));
            List<EndpointRecord> rows = store.tx(em -> em.createQuery("select e from EndpointRecord e"
                    + " where e.agentId in :ids order by e.agentId, e.endpoint", EndpointRecord.class)
                    .setParameter("ids", chunk).getResultList());
            for (EndpointRecord r : rows) {
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
    public void addEndpoints(long agentId, List<String> endpoints) {
        store.run(em -> {
            AgentRecord a = em.find(AgentRecord.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.status <= AgentStatus.DELETED) {
                throw ApiException.badRequest("agents id [" + agentId + "] can not be found");
            }
            for (String e : endpoints) {
                if (em.find(EndpointRecord.class, new EndpointRecord.Key(agentId, e)) != null) {
                    throw ApiException.badRequest("Endpoint " + e + " exists on agent " + agentId);
                }
                em.persist(new EndpointRecord(agentId, e));
            }
            em.flush();
        });
    }

    /**
     * Removes endpoints of an agent; refused (Goperation: resultcode -1) while one still has entities.
     *
     * @return how many were removed
     */
    public int deleteEndpoints(long agentId, List<String> endpoints) {
        return store.tx(em -> {
            List<EndpointRecord> locked = new ArrayList<>();
            for (String e : endpoints) {
                EndpointRecord r = em.find(EndpointRecord.class, new EndpointRecord.Key(agentId, e),
                        LockModeType.PESSIMISTIC_WRITE);
                if (r != null) {
                    locked.add(r);
                }
            }
            long entities = em.createQuery("select count(n) from EntityRecord n where n.agentId = :a"
                    + " and n.endpoint in :e", Long.class).setParameter("a", agentId)
                    .setParameter("e", endpoints).getSingleResult();
            if (entities > 0) {
                throw ApiException.refused("delete endpoints fail, entitys still in endpoint");
            }
            for (EndpointRecord r : locked) {
                em.remove(r);
            }
            em.flush();
            return locked.size();
        });
    }

    public boolean hasEndpoint(long agentId, String endpoint) {
        return store.tx(em -> em.find(EndpointRecord.class, new EndpointRecord.Key(agentId, endpoint)) != null);
    }

    /** Live agents that have an endpoint. */
    public List<AgentRecord> agentsWithEndpoint(String endpoint) {
        return store.tx(em -> em.createQuery("select a from AgentRecord a, EndpointRecord e where e.endpoint = :e"
                + " and e.agentId = a.agentId and a.status > :d order by a.agentId", AgentRecord.class)
                .setParameter("e", endpoint).setParameter("d", AgentStatus.DELETED).getResultList());
    }

    public long countEndpoint(String endpoint) {
        return store.tx(em -> em.createQuery("select count(e) from EndpointRecord e where e.endpoint = :e",
                Long.class).setParameter("e", endpoint).getSingleResult());
    }

    // ------------------------------------------------------------------ entities

    /**
     * Creates an entity with the endpoint's next number (or {@code requested}, which may not be lower than it) on an
     * active agent that has the endpoint. The agent and endpoint rows are locked.
     *
     * @param check run on the locked agent row (e.g. "must be online")
     * @throws io.armada.persistence.DuplicateKeyException when another server took the number meanwhile
     */
    public EntityRecord createEntity(long agentId, String endpoint, Long requested, String desc, long now,
            Consumer<AgentRecord> check) {
        return store.tx(em -> {
            AgentRecord a = em.find(AgentRecord.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.status <= AgentStatus.DELETED) {
                throw ApiException.badRequest("agents id [" + agentId + "] can not be found");
            }
            if (a.status != AgentStatus.ACTIVE) {
                throw ApiException.badRequest("Create entity fail, agent status is not active");
            }
            EndpointRecord ep = em.find(EndpointRecord.class, new EndpointRecord.Key(agentId, endpoint),
                    LockModeType.PESSIMISTIC_WRITE);
            if (ep == null) {
                throw ApiException.badRequest("Create entity fail, agent " + agentId + " has no endpoint " + endpoint);
            }
            check.accept(a);
            Long max = em.createQuery("select max(n.entity) from EntityRecord n where n.endpoint = :e", Long.class)
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
            EntityRecord r = new EntityRecord();
            r.endpoint = endpoint;
            r.entity = number;
            r.agentId = agentId;
            r.desc = desc;
            r.createTime = now;
            em.persist(r);
            em.flush();
            return r;
        });
    }

    public Optional<EntityRecord> entity(String endpoint, long entity) {
        return store.tx(em -> Optional.ofNullable(em.find(EntityRecord.class, new EntityRecord.Key(endpoint, entity))));
    }

    public List<EntityRecord> entities(long agentId, String endpoint) {
        return store.tx(em -> em.createQuery("select n from EntityRecord n where n.agentId = :a and n.endpoint = :e"
                + " order by n.entity", EntityRecord.class).setParameter("a", agentId).setParameter("e", endpoint)
                .getResultList());
    }

    public List<EntityRecord> entitiesOfAgent(long agentId) {
        return store.tx(em -> em.createQuery("select n from EntityRecord n where n.agentId = :a"
                + " order by n.endpoint, n.entity", EntityRecord.class).setParameter("a", agentId).getResultList());
    }

    public List<EntityRecord> entitiesOfEndpoint(String endpoint) {
        return store.tx(em -> em.createQuery("select n from EntityRecord n where n.endpoint = :e"
                + " order by n.entity", EntityRecord.class).setParameter("e", endpoint).getResultList());
    }

    /** Deletes an entity row; {@code false} when it was not there. */
    public boolean deleteEntity(String endpoint, long entity) {
        return store.tx(em -> {
            EntityRecord r = em.find(EntityRecord.class, new EntityRecord.Key(endpoint, entity),
                    LockModeType.PESSIMISTIC_WRITE);
            if (r == null) {
                return false;
            }
            em.remove(r);
            em.flush();
            return true;
        });
    }

    public long countEntities(long agentId) {
        return store.tx(em -> countEntities(em, agentId));
    }

    private static long countEntities(EntityManager em, long agentId) {
        return em.createQuery("select count(n) from EntityRecord n where n.agentId = :a", Long.class)
                .setParameter("a", agentId).getSingleResult();
    }
}
