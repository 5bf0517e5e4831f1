package io.armada.tars.internal.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.persistence.LockModeType;

import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.tars.internal.NodeDao;

/** Installed tars nodes in TARS_NODE; adapter ports from TARS_ADAPTER. */
public final class JpaNodeDao implements NodeDao {
    private final JpaStore store;

    public JpaNodeDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public Optional<InstalledNode> find(String ip) {
        return store.tx(em -> Optional.ofNullable(em.find(NodeEntity.class, ip))
                .map(e -> new InstalledNode(e.ip, e.agentId, e.entity)));
    }

    @Override
    public void insert(InstalledNode node, Instant at) {
        store.run(em -> {
            if (em.find(NodeEntity.class, node.ip()) != null) {
                throw new DuplicateKeyException("tars node " + node.ip() + " exists", null);
            }
            NodeEntity e = new NodeEntity();
            e.ip = node.ip();
            e.agentId = node.agentId();
            e.entity = node.entity();
            e.installed = at.toEpochMilli();
            em.persist(e);
        });
    }

    @Override
    public long remove(String ip) {
        return store.tx(em -> {
            NodeEntity e = em.find(NodeEntity.class, ip, LockModeType.PESSIMISTIC_WRITE);
            long servers = em.createQuery("select count(s) from ServerEntity s where s.nodeName = :ip", Long.class)
                    .setParameter("ip", ip).getSingleResult();
            if (servers == 0 && e != null) {
                em.remove(e);
            }
            return servers;
        });
    }

    @Override
    public List<String> ips() {
        return store.tx(em -> em.createQuery("select n.ip from NodeEntity n order by n.ip", String.class)
                .getResultList());
    }

    @Override
    public List<Integer> adapterPorts(String ip) {
        return store.tx(em -> em.createQuery("select a.port from AdapterEntity a where a.nodeName = :ip"
                + " and a.port is not null", Integer.class).setParameter("ip", ip).getResultList());
    }
}
