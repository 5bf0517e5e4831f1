package io.armada.tars.internal.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import io.armada.persistence.JpaStore;
import io.armada.tars.ConfigFile;
import io.armada.tars.ConfigHistory;
import io.armada.tars.ConfigRef;
import io.armada.tars.TarsPage;
import io.armada.tars.internal.ConfigDao;

/** Configuration files in TARS_CONFIG, their history in TARS_CONFIG_HISTORY, references in TARS_CONFIG_REF. */
public final class JpaConfigDao implements ConfigDao {
    private final JpaStore store;

    public JpaConfigDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public List<ConfigFile> insert(List<ConfigFile> files, String reason, Instant at) {
        return store.tx(em -> {
            // every file first, then every history row: every transaction writes the tables in one order
            List<ConfigEntity> rows = new ArrayList<>();
            for (ConfigFile f : files) {
                ConfigEntity e = ConfigEntity.of(f);
                em.persist(e);
                em.flush();
                rows.add(e);
            }
            for (ConfigEntity e : rows) {
                em.persist(ConfigHistoryEntity.of(e.id, reason, e.config, at));
            }
            em.flush();
            return rows.stream().map(ConfigEntity::toDTO).toList();
        });
    }

    @Override
    public Optional<ConfigFile> find(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(ConfigEntity.class, id)).map(ConfigEntity::toDTO));
    }

    @Override
    public Optional<ConfigFile> find(String serverName, String setName, String setArea, String setGroup, String host,
            String filename) {
        return store.tx(em -> find(em, serverName, setName, setArea, setGroup, host, filename).map(ConfigEntity::toDTO));
    }

    private static Optional<ConfigEntity> find(EntityManager em, String serverName, String setName, String setArea,
            String setGroup, String host, String filename) {
        return em.createQuery("select c from ConfigEntity c where c.serverName = :s and c.setName = :n"
                + " and c.setArea = :a and c.setGroup = :g and c.host = :h and c.filename = :f", ConfigEntity.class)
                .setParameter("s", serverName).setParameter("n", setName).setParameter("a", setArea)
                .setParameter("g", setGroup).setParameter("h", host).setParameter("f", filename).getResultList()
                .stream().findFirst();
    }

    @Override
    public Optional<List<ConfigFile>> mergeChain(long id) {
        return store.tx(em -> {
            ConfigEntity f = em.find(ConfigEntity.class, id);
            if (f == null) {
                return Optional.empty();
            }
            List<ConfigFile> chain = new ArrayList<>();
            if (f.level == ConfigFile.NODE) {
                find(em, f.serverName, f.setName, f.setArea, f.setGroup, "", f.filename)
                        .ifPresent(server -> addWithRefs(em, server, chain));
            }
            addWithRefs(em, f, chain);
            return Optional.of(chain);
        });
    }

    private static void addWithRefs(EntityManager em, ConfigEntity f, List<ConfigFile> chain) {
        for (ConfigRef r : refs(em, f.id)) {
            chain.add(r.reference());
        }
        chain.add(f.toDTO());
    }

    @Override
    public List<ConfigFile> list(int level, String serverName, String setName, String setArea, String setGroup,
            String host) {
        return store.tx(em -> {
            TypedQuery<ConfigEntity> q = em.createQuery("select c from ConfigEntity c where c.level = :l"
                    + " and c.serverName = :s and c.setName = :n and c.setArea = :a and c.setGroup = :g"
                    + (host == null ? "" : " and c.host = :h") + " order by c.filename, c.host", ConfigEntity.class)
                    .setParameter("l", level).setParameter("s", serverName).setParameter("n", setName)
                    .setParameter("a", setArea).setParameter("g", setGroup);
            if (host != null) {
                q.setParameter("h", host);
            }
            return q.getResultList().stream().map(ConfigEntity::toDTO).toList();
        });
    }

    @Override
    public Optional<ConfigFile> update(long id, String config, String reason, Instant at) {
        return store.tx(em -> {
            ConfigEntity e = em.find(ConfigEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            e.config = config;
            e.posttime = at.toEpochMilli();
            em.persist(ConfigHistoryEntity.of(id, reason, config, at));
            em.flush();
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<Long> delete(List<Long> ids) {
        return store.tx(em -> {
            List<Long> referrers = em.createQuery("select r.configId from ConfigRefEntity r"
                    + " where r.referenceId in :ids and r.configId not in :ids", Long.class).setParameter("ids", ids)
                    .setMaxResults(1).getResultList();
            if (!referrers.isEmpty()) {
                return Optional.of(referrers.get(0));
            }
            em.createQuery("delete from ConfigRefEntity r where r.configId in :ids or r.referenceId in :ids")
                    .setParameter("ids", ids).executeUpdate();
            em.createQuery("delete from ConfigHistoryEntity h where h.configId in :ids").setParameter("ids", ids)
                    .executeUpdate();
            em.createQuery("delete from ConfigEntity c where c.id in :ids").setParameter("ids", ids).executeUpdate();
            return Optional.empty();
        });
    }

    @Override
    public Optional<ConfigHistory> history(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(ConfigHistoryEntity.class, id))
                .map(ConfigHistoryEntity::toDTO));
    }

    @Override
    public TarsPage<ConfigHistory> histories(long configId, int page, int size) {
        return store.tx(em -> {
            long count = em.createQuery("select count(h) from ConfigHistoryEntity h where h.configId = :c", Long.class)
                    .setParameter("c", configId).getSingleResult();
            TypedQuery<ConfigHistoryEntity> q = em.createQuery("select h from ConfigHistoryEntity h"
                    + " where h.configId = :c order by h.id desc", ConfigHistoryEntity.class).setParameter("c", configId);
            if (page > 0 && size > 0) {
                q.setFirstResult((int) Math.min((long) size * (page - 1), Integer.MAX_VALUE)).setMaxResults(size);
            }
            return new TarsPage<>(count, q.getResultList().stream().map(ConfigHistoryEntity::toDTO).toList());
        });
    }

    @Override
    public ConfigRef addRef(long configId, long referenceId) {
        return store.tx(em -> {
            ConfigRefEntity e = new ConfigRefEntity();
            e.configId = configId;
            e.referenceId = referenceId;
            em.persist(e);
            em.flush();
            return e.toDTO();
        });
    }

    @Override
    public Optional<ConfigRef> deleteRef(long id) {
        return store.tx(em -> {
            ConfigRefEntity e = em.find(ConfigRefEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            ConfigRef was = e.toDTO();
            em.remove(e);
            return Optional.of(was);
        });
    }

    @Override
    public List<ConfigRef> refs(long configId) {
        return store.tx(em -> refs(em, configId));
    }

    private static List<ConfigRef> refs(EntityManager em, long configId) {
        List<ConfigRef> out = new ArrayList<>();
        for (ConfigRefEntity r : em.createQuery("select r from ConfigRefEntity r where r.configId = :c order by r.id",
                ConfigRefEntity.class).setParameter("c", configId).getResultList()) {
            ConfigEntity f = em.find(ConfigEntity.class, r.referenceId);
            if (f != null) {
                out.add(new ConfigRef(r.id, r.configId, r.referenceId, f.toDTO()));
            }
        }
        return out;
    }
}
