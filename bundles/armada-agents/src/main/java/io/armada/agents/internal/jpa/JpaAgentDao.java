package io.armada.agents.internal.jpa;

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
import java.util.function.UnaryOperator;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import io.armada.agents.AgentStatus;
import io.armada.agents.internal.AgentDao;
import io.armada.agents.internal.AgentRow;
import io.armada.core.ApiException;
import io.armada.persistence.JpaStore;

/** {@link AgentDao} on JPA: rows are read and changed as {@link AgentEntity}s and handed out as {@link AgentRow}s. */
public final class JpaAgentDao implements AgentDao {
    /** Columns a list may be ordered by (Goperation column names). */
    static final Map<String, String> ORDER = Map.of("agent_id", "agentId", "host", "host", "agent_type", "agentType",
            "status", "status", "cpu", "cpu", "memory", "memory", "disk", "disk", "create_time", "createTime");

    private final JpaStore store;

    public JpaAgentDao(JpaStore store) {
        this.store = store;
    }

    // ------------------------------------------------------------------ agents

    /**
     * Inserts an agent and its endpoints.
     *
     * @throws io.armada.persistence.DuplicateKeyException when the host (among live agents) or node uuid exists
     */
    @Override
    public AgentRow create(AgentRow row, List<String> endpoints) {
        return store.tx(em -> {
            AgentEntity agent = AgentEntity.fromDTO(row);
            em.persist(agent);
            em.flush();
            for (String e : endpoints) {
                em.persist(new EndpointEntity(agent.agentId, e));
            }
            em.flush();
            return agent.toDTO();
        });
    }

    @Override
    public Optional<AgentRow> find(long agentId) {
        return store.tx(em -> Optional.ofNullable(em.find(AgentEntity.class, agentId)).map(AgentEntity::toDTO));
    }

    @Override
    public Optional<AgentRow> findByNodeUuid(String nodeUuid) {
        return store.tx(em -> em.createQuery("select a from AgentEntity a where a.nodeUuid = :u", AgentEntity.class)
                .setParameter("u", nodeUuid).getResultList().stream().findFirst().map(AgentEntity::toDTO));
    }

    @Override
    public Optional<AgentRow> findLiveByHost(String host) {
        return store.tx(em -> em.createQuery("select a from AgentEntity a where a.activeHost = :h", AgentEntity.class)
                .setParameter("h", host).getResultList().stream().findFirst().map(AgentEntity::toDTO));
    }

    @Override
    public Optional<AgentRow> findLiveByIp(String ip) {
        return store.tx(em -> em.createQuery("select a from AgentEntity a where a.ip = :ip and a.status > :d"
                + " order by a.agentId", AgentEntity.class)
                .setParameter("ip", ip).setParameter("d", AgentStatus.DELETED).setMaxResults(1)
                .getResultList().stream().findFirst().map(AgentEntity::toDTO));
    }

    /** Live agents (status above deleted) or deleted ones, by id. */
    @Override
    public List<AgentRow> all(boolean deleted) {
        return store.tx(em -> em.createQuery("select a from AgentEntity a where a.status " + (deleted ? "<=" : ">")
                + " :d order by a.agentId", AgentEntity.class).setParameter("d", AgentStatus.DELETED).getResultList()
                .stream().map(AgentEntity::toDTO).toList());
    }

    /** Live agents among {@code ids}. */
    @Override
    public List<AgentRow> live(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<AgentRow> out = new ArrayList<>();
        List<Long> list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += 500) {
            List<Long> chunk = list.subList(i, Math.min(list.size(), i + 500));
            out.addAll(store.tx(em -> em.createQuery("select a from AgentEntity a where a.agentId in :ids"
                    + " and a.status > :d order by a.agentId", AgentEntity.class)
                    .setParameter("ids", chunk).setParameter("d", AgentStatus.DELETED).getResultList()
                    .stream().map(AgentEntity::toDTO).toList()));
        }
        return out;
    }

    @Override
    public Set<Long> liveIds() {
        return new HashSet<>(store.tx(em -> em.createQuery("select a.agentId from AgentEntity a where a.status > :d",
                Long.class).setParameter("d", AgentStatus.DELETED).getResultList()));
    }

    @Override
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
            TypedQuery<Long> count = em.createQuery("select count(a) from AgentEntity a" + where, Long.class);
            TypedQuery<AgentEntity> rows = em.createQuery("select a from AgentEntity a" + where + " order by "
                    + orderBy + (desc ? " desc" : "") + ", a.agentId", AgentEntity.class);
            count.setParameter("d", AgentStatus.DELETED);
            rows.setParameter("d", AgentStatus.DELETED);
            if (agentType != null && !agentType.isBlank()) {
                count.setParameter("t", agentType);
                rows.setParameter("t", agentType);
            }
            return new Page(count.getSingleResult(), rows.setFirstResult(offset).setMaxResults(limit).getResultList()
                    .stream().map(AgentEntity::toDTO).toList());
        });
    }

    /** Binds a node to an agent created through the API (no node uuid yet) and records where it answers. */
    @Override
    public AgentRow adoptNode(long agentId, String nodeUuid, UnaryOperator<AgentRow> figures) {
        return store.tx(em -> {
            AgentEntity a = em.find(AgentEntity.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.nodeUuid != null) {
                throw ApiException.refused("Create agent fail,AgentHostExist:Agent with host "
                        + (a == null ? "?" : a.host) + " alreday eixst");
            }
            a.nodeUuid = nodeUuid;
            a.assign(figures.apply(a.toDTO()));
            em.flush();
            return a.toDTO();
        });
    }

    /** Applies a change to a live agent's row. */
    @Override
    public AgentRow change(long agentId, UnaryOperator<AgentRow> change) {
        return store.tx(em -> {
            AgentEntity a = em.find(AgentEntity.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.status <= AgentStatus.DELETED) {
                throw ApiException.badRequest("agents id [" + agentId + "] can not be found");
            }
            a.assign(change.apply(a.toDTO()));
            em.flush();
            return a.toDTO();
        });
    }

    /** Applies the same change to several live agents, all or nothing. */
    @Override
    public List<AgentRow> changeAll(Collection<Long> agentIds, UnaryOperator<AgentRow> change) {
        return store.tx(em -> {
            List<AgentEntity> out = new ArrayList<>();
            for (Long id : agentIds) {
                AgentEntity a = em.find(AgentEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
                if (a == null || a.status <= AgentStatus.DELETED) {
                    throw ApiException.badRequest("agents id [" + id + "] can not be found");
                }
                a.assign(change.apply(a.toDTO()));
                out.add(a);
            }
            em.flush();
            return out.stream().map(AgentEntity::toDTO).toList();
        });
    }

    /**
     * Marks a live agent deleted; refused while it has entities. The host becomes free for a new agent.
     *
     * @param check run on the locked row before the change (e.g. "must be online")
     */
    @Override
    public AgentRow markDeleted(long agentId, Consumer<AgentRow> check) {
        return store.tx(em -> {
            AgentEntity a = em.find(AgentEntity.class, agentId, LockModeType.PESSIMISTIC_WRITE);
            if (a == null || a.status <= AgentStatus.DELETED) {
                throw ApiException.badRequest("agents id [" + agentId + "] can not be found");
            }
            long entities = countEntities(em, agentId);
            if (entities > 0) {
                throw ApiException.badRequest("Can not delete agent, entity not 0");
            }
            check.accept(a.toDTO());
            a.status = AgentStatus.DELETED;
            a.activeHost = null;
            em.flush();
            return a.toDTO();
        });
    }

    /**
     * Removes a deleted agent and its endpoints for good.
     *
     * @return the removed row
     */
    @Override
    public AgentRow clean(long agentId) {
        return store.tx(em -> {
            AgentEntity a = em.find(AgentEntity.class, agentId, LockModeType.PESSIMISTIC_WRITE);
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
            em.createQuery("delete from EndpointEntity e where e.agentId = :a").setParameter("a", agentId)
                    .executeUpdate();
            em.remove(a);
            em.flush();
            return a.toDTO();
        });
    }

    /**
     * Stores the last report time of many agents in one transaction with a JDBC batch (the periodic flush of the
     * online state).
     */
    @Override
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

    @Override
    public void shareOnline(String writer, Collection<OnlineRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<Long, OnlineRow> byId = new TreeMap<>();
        rows.forEach(r -> byId.merge(r.agentId(), r, (a, b) -> a.seenMillis() >= b.seenMillis() ? a : b));
        List<Long> ids = new ArrayList<>(byId.keySet());
        store.run(em -> {
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                Map<Long, OnlineEntity> stored = new LinkedHashMap<>();
                for (OnlineEntity e : em.createQuery("select o from OnlineEntity o where o.agentId in :ids",
                        OnlineEntity.class).setParameter("ids", chunk).getResultList()) {
                    stored.put(e.agentId, e);
                }
                for (Long id : chunk) {
                    OnlineRow r = byId.get(id);
                    OnlineEntity e = stored.get(id);
                    if (e == null) {
                        e = new OnlineEntity();
                        e.agentId = id;
                        copy(r, e);
                        e.writer = writer;
                        em.persist(e);
                    } else if (e.seenMillis < r.seenMillis()) {
                        copy(r, e);
                        e.writer = writer;
                    }
                }
            }
        });
    }

    private static void copy(OnlineRow r, OnlineEntity e) {
        e.seenMillis = r.seenMillis();
        e.expiresMillis = r.expiresMillis();
        if (r.metadata() != null) {
            e.metadata = r.metadata();
        }
        if (r.services() != null) {
            e.services = r.services();
        }
    }

    @Override
    public List<OnlineRow> onlineSince(String reader, long seenAfterMillis) {
        return store.tx(em -> em.createQuery("select o from OnlineEntity o where o.seenMillis > :t"
                + " and (o.writer is null or o.writer <> :me)", OnlineEntity.class)
                .setParameter("t", seenAfterMillis).setParameter("me", reader).getResultList().stream()
                .map(e -> new OnlineRow(e.agentId, e.seenMillis, e.expiresMillis, e.metadata, e.services)).toList());
    }

    static long countEntities(EntityManager em, long agentId) {
        return em.createQuery("select count(n) from EntityEntity n where n.agentId = :a", Long.class)
                .setParameter("a", agentId).getSingleResult();
    }
}
