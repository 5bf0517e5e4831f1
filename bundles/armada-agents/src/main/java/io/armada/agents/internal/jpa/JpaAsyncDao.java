package io.armada.agents.internal.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import io.armada.agents.internal.AsyncDao;
import io.armada.agents.internal.AsyncRequestRow;
import io.armada.agents.internal.ResponseRow;
import io.armada.core.ApiException;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/** {@link AsyncDao} on JPA: requests and answers handed out as {@link AsyncRequestRow}s and {@link ResponseRow}s. */
public final class JpaAsyncDao implements AsyncDao {
    /** Columns a list may be ordered by. */
    static final Map<String, String> ORDER = Map.of("request_id", "requestId", "request_time", "requestTime",
            "finishtime", "finishtime", "deadline", "deadline", "status", "status", "resultcode", "resultcode",
            "expire", "expire");

    private final JpaStore store;

    private final String owner;

    /** A DAO whose requests have no owner (one server alone, tests). */
    public JpaAsyncDao(JpaStore store) {
        this(store, null);
    }

    /**
     * @param owner this server's name, written into the requests it inserts
     */
    public JpaAsyncDao(JpaStore store, String owner) {
        this.store = store;
        this.owner = owner;
    }

    @Override
    public void insert(AsyncRequestRow r) {
        store.run(em -> {
            AsyncRequestEntity e = AsyncRequestEntity.fromDTO(r);
            e.owner = owner;
            em.persist(e);
            em.flush();
        });
    }

    @Override
    public List<Owned> unfinishedOwned() {
        return store.tx(em -> em.createQuery("select r from AsyncRequestEntity r where r.status = 0"
                + " order by r.deadline", AsyncRequestEntity.class).getResultList().stream()
                .map(e -> new Owned(e.toDTO(), e.owner)).toList());
    }

    @Override
    public boolean adopt(String requestId, String from) {
        return store.tx(em -> (from == null
                ? em.createQuery("update AsyncRequestEntity r set r.owner = :to where r.requestId = :id"
                        + " and r.status = 0 and r.owner is null")
                : em.createQuery("update AsyncRequestEntity r set r.owner = :to where r.requestId = :id"
                        + " and r.status = 0 and r.owner = :from").setParameter("from", from))
                .setParameter("to", owner).setParameter("id", requestId).executeUpdate() == 1);
    }

    @Override
    public Optional<AsyncRequestRow> find(String requestId) {
        return store.tx(em -> Optional.ofNullable(em.find(AsyncRequestEntity.class, requestId))
                .map(AsyncRequestEntity::toDTO));
    }

    @Override
    public Page page(Integer status, Long start, Long end, String order, boolean desc, int offset, int limit) {
        String orderBy;
        boolean reverse = desc;
        if (order == null || order.isBlank()) {
            orderBy = "r.requestTime";
            reverse = !desc;
        } else {
            String field = ORDER.get(order);
            if (field == null) {
                throw ApiException.badRequest("Cano not find column " + order + " in asyncrequests");
            }
            orderBy = "r." + field;
        }
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (status != null) {
            where.append(" and r.status = :s");
        }
        if (start != null) {
            where.append(" and r.requestTime >= :start");
        }
        if (end != null) {
            where.append(" and r.requestTime < :end");
        }
        String w = where.toString();
        String by = orderBy + (reverse ? " desc" : "");
        return store.tx(em -> {
            TypedQuery<Long> count = em.createQuery("select count(r) from AsyncRequestEntity r" + w, Long.class);
            TypedQuery<AsyncRequestEntity> rows = em.createQuery("select r from AsyncRequestEntity r" + w
                    + " order by " + by + ", r.requestId", AsyncRequestEntity.class);
            for (TypedQuery<?> q : List.of(count, rows)) {
                if (status != null) {
                    q.setParameter("s", status);
                }
                if (start != null) {
                    q.setParameter("start", start);
                }
                if (end != null) {
                    q.setParameter("end", end);
                }
            }
            return new Page(count.getSingleResult(), rows.setFirstResult(offset).setMaxResults(limit).getResultList()
                    .stream().map(AsyncRequestEntity::toDTO).toList());
        });
    }

    @Override
    public List<ResponseRow> responses(String requestId) {
        return store.tx(em -> em.createQuery("select r from ResponseEntity r where r.requestId = :id"
                + " order by r.agentId", ResponseEntity.class).setParameter("id", requestId).getResultList()
                .stream().map(ResponseEntity::toDTO).toList());
    }

    @Override
    public Set<Long> answered(String requestId) {
        return new HashSet<>(store.tx(em -> em.createQuery("select r.agentId from ResponseEntity r"
                + " where r.requestId = :id", Long.class).setParameter("id", requestId).getResultList()));
    }

    @Override
    public java.util.Map<String, Set<Long>> answered(java.util.Collection<String> requestIds) {
        java.util.Map<String, Set<Long>> out = new java.util.HashMap<>();
        if (requestIds.isEmpty()) {
            return out;
        }
        List<String> ids = List.copyOf(requestIds);
        store.run(em -> {
            for (Object[] row : em.createQuery("select r.requestId, r.agentId from ResponseEntity r"
                    + " where r.requestId in :ids", Object[].class).setParameter("ids", ids).getResultList()) {
                out.computeIfAbsent((String) row[0], k -> new HashSet<>()).add((Long) row[1]);
            }
        });
        return out;
    }

    /**
     * Records one answer: a second answer of an agent is refused unless the first is the synthetic overtime one.
     */
    @Override
    public Outcome respond(ResponseRow r) {
        try {
            store.run(em -> {
                em.persist(ResponseEntity.fromDTO(r));
                em.flush();
            });
            return Outcome.INSERTED;
        } catch (DuplicateKeyException dup) {
            return store.tx(em -> {
                ResponseEntity old = em.find(ResponseEntity.class, new ResponseEntity.Key(r.requestId(), r.agentId()),
                        LockModeType.PESSIMISTIC_WRITE);
                if (old == null || old.resultcode != OVERTIME || r.resultcode() == OVERTIME) {
                    return Outcome.DUPLICATE;
                }
                old.serverTime = r.serverTime();
                old.agentTime = r.agentTime();
                old.resultcode = r.resultcode();
                old.result = r.result();
                old.details = r.details();
                em.flush();
                return Outcome.REPLACED_OVERTIME;
            });
        }
    }

    /**
     * Records many answers collected by the server in one transaction; on a conflict (an agent answered by itself
     * meanwhile) falls back to one transaction per answer.
     *
     * @return the outcome per answer, in order
     */
    @Override
    public List<Outcome> respondAll(List<ResponseRow> rows) {
        if (rows.size() == 1) {
            return List.of(respond(rows.get(0)));
        }
        try {
            store.run(em -> {
                for (ResponseRow r : rows) {
                    em.persist(ResponseEntity.fromDTO(r));
                }
                em.flush();
            });
            List<Outcome> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(Outcome.INSERTED));
            return out;
        } catch (DuplicateKeyException dup) {
            List<Outcome> out = new ArrayList<>(rows.size());
            for (ResponseRow r : rows) {
                out.add(respond(r));
            }
            return out;
        }
    }

    /**
     * Finishes an unfinished request: the overtime answer for every target that has none, then the final code.
     *
     * @return how many overtime answers were written, or -1 when the request had finished already
     */
    @Override
    public int finish(String requestId, Collection<Long> targets, long now, String overtimeResult) {
        return store.tx(em -> {
            AsyncRequestEntity r = em.find(AsyncRequestEntity.class, requestId, LockModeType.PESSIMISTIC_WRITE);
            if (r == null || r.status != 0) {
                return -1;
            }
            Set<Long> answered = new HashSet<>(em.createQuery("select x.agentId from ResponseEntity x"
                    + " where x.requestId = :id", Long.class).setParameter("id", requestId).getResultList());
            int missing = 0;
            for (Long agent : targets) {
                if (!answered.contains(agent)) {
                    ResponseEntity o = new ResponseEntity();
                    o.requestId = requestId;
                    o.agentId = agent;
                    o.serverTime = now;
                    o.agentTime = now;
                    o.resultcode = OVERTIME;
                    o.result = overtimeResult;
                    em.persist(o);
                    missing++;
                }
            }
            r.status = 1;
            if (missing > 0) {
                r.resultcode = 1;
                r.result = "agents not respone, count:" + missing;
            } else {
                r.resultcode = 0;
                r.result = "all agent respone result";
            }
            em.flush();
            return missing;
        });
    }

    /** Moves the window of an unfinished request. */
    @Override
    public AsyncRequestRow extend(String requestId, long finishtime, long deadline) {
        return store.tx(em -> {
            AsyncRequestEntity r = em.find(AsyncRequestEntity.class, requestId, LockModeType.PESSIMISTIC_WRITE);
            if (r == null) {
                throw ApiException.notFound("Async request " + requestId + " not found");
            }
            if (r.status != 0) {
                throw ApiException.badRequest("Async request has been finished");
            }
            if (deadline < r.deadline) {
                throw ApiException.badRequest("Async request deadline can not move back");
            }
            r.finishtime = finishtime;
            r.deadline = deadline;
            em.flush();
            return r.toDTO();
        });
    }

    /**
     * Deletes the answers of finished requests with {@code expire > 0} whose deadline plus expire has passed (the
     * original kept such answers in Redis with a TTL).
     *
     * @return rows deleted
     */
    @Override
    public int purgeExpired(long now) {
        return store.tx(em -> {
            List<String> ids = em.createQuery("select distinct x.requestId from ResponseEntity x, AsyncRequestEntity r"
                    + " where x.requestId = r.requestId and r.expire > 0 and r.status = 1"
                    + " and r.deadline + r.expire < :now", String.class).setParameter("now", now)
                    .setMaxResults(500).getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            return em.createQuery("delete from ResponseEntity x where x.requestId in :ids").setParameter("ids", ids)
                    .executeUpdate();
        });
    }
}
