package io.armada.tars.internal.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import io.armada.persistence.JpaStore;
import io.armada.tars.AdapterConf;
import io.armada.tars.NotifyRecord;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPage;
import io.armada.tars.internal.ServerPosition;
import io.armada.tars.internal.TarsDao;
import io.armada.tars.internal.TarsRules;
import io.armada.tars.internal.TreeSelector;

/** Servers, adapters and the notify log in TARS_SERVER, TARS_ADAPTER and TARS_NOTIFY. */
public final class JpaTarsDao implements TarsDao {
    private final JpaStore store;

    public JpaTarsDao(JpaStore store) {
        this.store = store;
    }

    private static void note(EntityManager em, ServerConf s, String command, String result, Instant at) {
        em.persist(NotifyEntity.of(s, "", command, result, at));
    }

    @Override
    public List<ServerConf> deploy(List<ServerConf> servers, List<AdapterConf> adapters, String command, Instant at) {
        return store.tx(em -> {
            for (ServerConf s : servers) {
                if (em.find(NodeEntity.class, s.nodeName(), LockModeType.PESSIMISTIC_WRITE) == null) {
                    throw new NodeNotInstalled(s.nodeName());
                }
            }
            // the servers first, then their notify rows, then the adapters: every transaction writes the tables in one
            // order
            List<ServerConf> out = new ArrayList<>();
            for (ServerConf s : servers) {
                ServerEntity e = ServerEntity.of(s);
                em.persist(e);
                em.flush();
                out.add(e.toDTO());
            }
            for (ServerConf created : out) {
                long count = adapters.stream().filter(a -> a.nodeName().equals(created.nodeName())).count();
                note(em, created, command, "deployed with " + count + " adapter(s)", at);
            }
            em.flush();
            for (AdapterConf a : adapters) {
                em.persist(AdapterEntity.of(a, TarsRules.endpointPort(a.endpoint())));
                em.flush(); // one by one: ids follow the order given (EclipseLink may reorder a batch)
            }
            return out;
        });
    }

    @Override
    public Optional<ServerConf> server(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(ServerEntity.class, id)).map(ServerEntity::toDTO));
    }

    @Override
    public Optional<ServerConf> changeServer(long id, UnaryOperator<ServerConf> change, String command, Instant at) {
        return store.tx(em -> {
            ServerEntity e = em.find(ServerEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            e.set(change.apply(e.toDTO()));
            em.flush();
            ServerConf changed = e.toDTO();
            note(em, changed, command, "changed", at);
            return Optional.of(changed);
        });
    }

    /** A where clause on the tree position columns of alias {@code x}, with its parameters. */
    private record Where(String clause, Map<String, Object> params) {
        static Where of(TreeSelector s) {
            List<String> parts = new ArrayList<>();
            Map<String, Object> p = new HashMap<>();
            add(parts, p, "application", s.application());
            add(parts, p, "serverName", s.serverName());
            if (s.enableSet() != null) {
                parts.add("x.enableSet = :enableSet");
                p.put("enableSet", s.enableSet());
            }
            add(parts, p, "setName", s.setName());
            add(parts, p, "setArea", s.setArea());
            add(parts, p, "setGroup", s.setGroup());
            return new Where(parts.isEmpty() ? "" : " where " + String.join(" and ", parts), p);
        }

        private static void add(List<String> parts, Map<String, Object> p, String field, String value) {
            if (value != null) {
                parts.add("x." + field + " = :" + field);
                p.put(field, value);
            }
        }

        <T> TypedQuery<T> bind(TypedQuery<T> q) {
            params.forEach(q::setParameter);
            return q;
        }
    }

    private static <T> TypedQuery<T> paged(TypedQuery<T> q, int page, int size) {
        if (page > 0 && size > 0) {
            long offset = (long) size * (page - 1);
            q.setFirstResult((int) Math.min(offset, Integer.MAX_VALUE)).setMaxResults(size);
        }
        return q;
    }

    @Override
    public TarsPage<ServerConf> servers(TreeSelector selector, int page, int size) {
        Where w = Where.of(selector);
        return store.tx(em -> {
            long count = w.bind(em.createQuery("select count(x) from ServerEntity x" + w.clause(), Long.class))
                    .getSingleResult();
            List<ServerConf> rows = paged(w.bind(em.createQuery("select x from ServerEntity x" + w.clause()
                    + " order by x.application, x.serverName, x.nodeName", ServerEntity.class)), page, size)
                    .getResultList().stream().map(ServerEntity::toDTO).toList();
            return new TarsPage<>(count, rows);
        });
    }

    @Override
    public List<ServerConf> inactive(String application, String serverName, String nodeName, int page, int size) {
        StringBuilder q = new StringBuilder("select x from ServerEntity x where x.settingState = 'inactive'");
        Map<String, Object> p = new HashMap<>();
        if (application != null) {
            q.append(" and x.application = :a");
            p.put("a", application);
        }
        if (serverName != null) {
            q.append(" and x.serverName = :s");
            p.put("s", serverName);
        }
        if (nodeName != null) {
            q.append(" and x.nodeName = :n");
            p.put("n", nodeName);
        }
        q.append(" order by x.application, x.serverName, x.nodeName");
        return store.tx(em -> {
            TypedQuery<ServerEntity> tq = em.createQuery(q.toString(), ServerEntity.class);
            p.forEach(tq::setParameter);
            return paged(tq, page, size).getResultList().stream().map(ServerEntity::toDTO).toList();
        });
    }

    @Override
    public List<ServerPosition> positions(String serverNameContains) {
        String where = serverNameContains == null ? "" : " where locate(:k, x.serverName) > 0";
        return store.tx(em -> {
            TypedQuery<Object[]> q = em.createQuery("select distinct x.application, x.serverName, x.enableSet,"
                    + " x.setName, x.setArea, x.setGroup from ServerEntity x" + where
                    + " order by x.application, x.serverName", Object[].class);
            if (serverNameContains != null) {
                q.setParameter("k", serverNameContains);
            }
            return q.getResultList().stream().map(r -> new ServerPosition((String) r[0], (String) r[1],
                    (Boolean) r[2], (String) r[3], (String) r[4], (String) r[5])).toList();
        });
    }

    @Override
    public TarsPage<NotifyRecord> notifies(TreeSelector selector, int page, int size) {
        Where w = Where.of(selector);
        return store.tx(em -> {
            long count = w.bind(em.createQuery("select count(x) from NotifyEntity x" + w.clause(), Long.class))
                    .getSingleResult();
            List<NotifyRecord> rows = paged(w.bind(em.createQuery("select x from NotifyEntity x" + w.clause()
                    + " order by x.notifytime desc, x.id desc", NotifyEntity.class)), page, size)
                    .getResultList().stream().map(NotifyEntity::toDTO).toList();
            return new TarsPage<>(count, rows);
        });
    }

    @Override
    public List<String> applications() {
        return store.tx(em -> em.createQuery("select distinct x.application from ServerEntity x order by x.application",
                String.class).getResultList());
    }

    @Override
    public List<String> serverNames(String application) {
        return store.tx(em -> em.createQuery("select distinct x.serverName from ServerEntity x"
                + " where x.application = :a order by x.serverName", String.class).setParameter("a", application)
                .getResultList());
    }

    @Override
    public List<String> sets(String application, String serverName) {
        return store.tx(em -> em.createQuery("select distinct x.setName, x.setArea, x.setGroup from ServerEntity x"
                + " where x.application = :a and x.serverName = :s and x.enableSet = true", Object[].class)
                .setParameter("a", application).setParameter("s", serverName).getResultList().stream()
                .map(r -> r[0] + "." + r[1] + "." + r[2]).sorted().toList());
    }

    @Override
    public List<String> nodes(String application, String serverName, String set) {
        return store.tx(em -> em.createQuery("select x from ServerEntity x where x.application = :a"
                + " and x.serverName = :s order by x.nodeName", ServerEntity.class).setParameter("a", application)
                .setParameter("s", serverName).getResultList().stream()
                .filter(e -> set == null || (e.enableSet && set.equals(e.setName + "." + e.setArea + "." + e.setGroup)))
                .map(e -> e.nodeName).distinct().toList());
    }

    @Override
    public List<String> servants(String application, String serverName) {
        return store.tx(em -> em.createQuery("select distinct x.servant from AdapterEntity x"
                + " where x.application = :a and x.serverName = :s order by x.servant", String.class)
                .setParameter("a", application).setParameter("s", serverName).getResultList());
    }

    private static Optional<ServerEntity> owner(EntityManager em, String application, String serverName, String node) {
        return em.createQuery("select x from ServerEntity x where x.application = :a and x.serverName = :s"
                + " and x.nodeName = :n", ServerEntity.class).setParameter("a", application)
                .setParameter("s", serverName).setParameter("n", node).getResultList().stream().findFirst();
    }

    @Override
    public Optional<AdapterConf> addAdapter(AdapterConf adapter, Instant at) {
        return store.tx(em -> {
            Optional<ServerEntity> s = owner(em, adapter.application(), adapter.serverName(), adapter.nodeName());
            if (s.isEmpty()) {
                return Optional.empty();
            }
            AdapterEntity e = AdapterEntity.of(adapter, TarsRules.endpointPort(adapter.endpoint()));
            em.persist(e);
            em.flush();
            note(em, s.get().toDTO(), "add_adapter_conf", adapter.adapterName() + " " + adapter.endpoint(), at);
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<AdapterConf> deleteAdapter(long id, Instant at) {
        return store.tx(em -> {
            AdapterEntity e = em.find(AdapterEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            AdapterConf was = e.toDTO();
            em.remove(e);
            owner(em, was.application(), was.serverName(), was.nodeName())
                    .ifPresent(s -> note(em, s.toDTO(), "delete_adapter_conf", was.adapterName(), at));
            return Optional.of(was);
        });
    }

    @Override
    public Optional<AdapterConf> changeAdapter(long id, UnaryOperator<AdapterConf> change, Instant at) {
        return store.tx(em -> {
            AdapterEntity e = em.find(AdapterEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            AdapterConf next = change.apply(e.toDTO());
            e.set(next, TarsRules.endpointPort(next.endpoint()));
            em.flush();
            owner(em, next.application(), next.serverName(), next.nodeName())
                    .ifPresent(s -> note(em, s.toDTO(), "update_adapter_conf", next.adapterName() + " "
                            + next.endpoint(), at));
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<AdapterConf> adapter(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(AdapterEntity.class, id)).map(AdapterEntity::toDTO));
    }

    @Override
    public List<AdapterConf> adapters(String application, String serverName, String nodeName) {
        return store.tx(em -> adapters(em, application, serverName, nodeName));
    }

    private static List<AdapterConf> adapters(EntityManager em, String application, String serverName,
            String nodeName) {
        return em.createQuery("select x from AdapterEntity x where x.application = :a"
                + " and x.serverName = :s and x.nodeName = :n order by x.id", AdapterEntity.class)
                .setParameter("a", application).setParameter("s", serverName).setParameter("n", nodeName)
                .getResultList().stream().map(AdapterEntity::toDTO).toList();
    }

    @Override
    public Optional<List<AdapterConf>> adaptersOf(long serverId) {
        return store.tx(em -> Optional.ofNullable(em.find(ServerEntity.class, serverId)).map(ServerEntity::toDTO)
                .map(s -> adapters(em, s.application(), s.serverName(), s.nodeName())));
    }
}
