package io.armada.agents.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import io.armada.core.ApiException;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/** All database work of async requests and their answers. Each public method is one transaction. */
public final class AsyncDao {
    /** Columns a list may be ordered by. */
    static final Map<String, String> ORDER = Map.of("request_id", "requestId", "request_time", "requestTime",
            "finishtime", "finishtime", "deadline", "deadline", "status", "status", "resultcode", "resultcode",
            "expire", "expire");
    /** The synthetic answer's code (RESULT_OVER_FINISHTIME). */
    public static final int OVERTIME = -124;

    private final JpaStore store;

    public AsyncDao(JpaStore store) {
        this.store = store;
    }

    public void insert(AsyncRequestRecord r) {
        store.run(em -> {
            em.persist(r);
            em.flush();
        });
    }

    public Optional<AsyncRequestRecord> find(String requestId) {
        return store.tx(em -> Optional.ofNullable(em.find(AsyncRequestRecord.class, requestId)));
    }

    public List<AsyncRequestRecord> unfinished() {
        return store.tx(em -> em.createQuery("select r from AsyncRequestRecord r where r.status = 0"
                + " order by r.deadline", AsyncRequestRecord.class).getResultList());
    }

    /** A page of requests with the total count. */
    public record Page(long total, List<AsyncRequestRecord> rows) {
    }

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
            TypedQuery<Long> count = em.createQuery("select count(r) from AsyncRequestRecord r" + w, Long.class);
            TypedQuery<AsyncRequestRecord> rows = em.createQuery("select r from AsyncRequestRecord r" + w
                    + " order by " + by + ", r.requestId", AsyncRequestRecord.class);
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
            return new Page(count.getSingleResult(), rows.setFirstResult(offset).setMaxResults(limit).getResultList());
        });
    }

    public List<ResponseRecord> responses(String requestId) {
        return store.tx(em -> em.createQuery("select r from ResponseRecord r where r.requestId = :id"
                + " order by r.agentId", ResponseRecord.class).setParameter("id", requestId).getResultList());
    }

    public Set<Long> answered(String requestId) {
        return new HashSet<>(store.tx(em -> em.createQuery("select r.agentId from ResponseRecord r"
                + " where r.requestId = :id", Long.class).setParameter("id", requestId).getResultList()));
    }

    /** What happened to one answer. */
    public enum Outcome { INSERTED, REPLACED_OVERTIME, DUPLICATE }

    /**
     * Records one answer: a second answer of an agent is refused unless the first is the synthetic overtime one.
     */
    public Outcome respond(ResponseRecord r) {
        try {
            store.run(em -> {
                em.persist(r);
                em.flush();
            });
            return Outcome.INSERTED;
        } catch (DuplicateKeyException dup) {
            return store.tx(em -> {
                ResponseRecord old = em.find(ResponseRecord.class, new ResponseRecord.Key(r.requestId, r.agentId),
                        LockModeType.PESSIMISTIC_WRITE);
                if (old == null || old.resultcode != OVERTIME || r.resultcode == OVERTIME) {
                    return Outcome.DUPLICATE;
                }
                old.serverTime = r.serverTime;
                old.agentTime = r.agentTime;
                old.resultcode = r.resultcode;
                old.result = r.result;
                old.details = r.details;
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
    public List<Outcome> respondAll(List<ResponseRecord> rows) {
        if (rows.size() == 1) {
            return List.of(respond(rows.get(0)));
        }
        try {
            store.run(em -> {
                for (ResponseRecord r : rows) {
                    em.persist(r);
                }
                em.flush();
            });
            List<Outcome> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(Outcome.INSERTED));
            return out;
        } catch (DuplicateKeyException dup) {
            List<Outcome> out = new ArrayList<>(rows.size());
            for (ResponseRecord r : rows) {
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
    public int finish(String requestId, Collection<Long> targets, long now, String overtimeResult) {
        return store.tx(em -> {
            AsyncRequestRecord r = em.find(AsyncRequestRecord.class, requestId, LockModeType.PESSIMISTIC_WRITE);
            if (r == null || r.status != 0) {
                return -1;
            }
            Set<Long> answered = new HashSet<>(em.createQuery("select x.agentId from ResponseRecord x"
                    + " where x.requestId = :id", Long.class).setParameter("id", requestId).getResultList());
            int missing = 0;
            for (Long agent : targets) {
                if (!answered.contains(agent)) {
                    ResponseRecord o = new ResponseRecord();
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
    public AsyncRequestRecord extend(String requestId, long finishtime, long deadline) {
        return store.tx(em -> {
            AsyncRequestRecord r = em.find(AsyncRequestRecord.class, requestId, LockModeType.PESSIMISTIC_WRITE);
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
            return r;
        });
    }

    /**
     * Deletes the answers of finished requests with {@code expire > 0} whose deadline plus expire has passed (the
     * original kept such answers in Redis with a TTL).
     *
     * @return rows deleted
     */
    public int purgeExpired(long now) {
        return store.tx(em -> {
            List<String> ids = em.createQuery("select distinct x.requestId from ResponseRecord x, AsyncRequestRecord r"
                    + " where x.requestId = r.requestId and r.expire > 0 and r.status = 1"
                    + " and r.deadline + r.expire < :now", String.class).setParameter("now", now)
                    .setMaxResults(500).getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            return em.createQuery("delete from ResponseRecord x where x.requestId in :ids").setParameter("ids", ids)
                    .executeUpdate();
        });
    }
}
