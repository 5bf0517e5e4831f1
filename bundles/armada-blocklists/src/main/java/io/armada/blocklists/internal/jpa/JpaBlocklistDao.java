package io.armada.blocklists.internal.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.armada.blocklists.DomainBlock;
import io.armada.blocklists.ProcessBlock;
import io.armada.blocklists.internal.BlocklistDao;
import io.armada.persistence.JpaStore;

/**
 * The block lists in {@code BLOCKLISTS_DOMAIN} and {@code BLOCKLISTS_PROCESS}. Listing reads plain columns (a
 * projection), so a list of 100,000 rows builds no entities and no persistence context.
 */
public final class JpaBlocklistDao implements BlocklistDao {
    private final JpaStore store;

    public JpaBlocklistDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public List<DomainBlock> domains() {
        List<Object[]> rows = store.tx(em -> em
                .createQuery("select d.id, d.domain from DomainBlockEntity d order by d.id", Object[].class)
                .getResultList());
        List<DomainBlock> list = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            list.add(new DomainBlock(((Number) r[0]).longValue(), (String) r[1]));
        }
        return list;
    }

    @Override
    public Optional<DomainBlock> domain(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(DomainBlockEntity.class, id)).map(DomainBlockEntity::toDTO));
    }

    @Override
    public DomainBlock addDomain(String domain) {
        return store.tx(em -> {
            DomainBlockEntity e = new DomainBlockEntity();
            e.assign(domain);
            em.persist(e);
            em.flush();
            return e.toDTO();
        });
    }

    @Override
    public Optional<DomainBlock> updateDomain(long id, String domain) {
        return store.tx(em -> {
            DomainBlockEntity e = em.find(DomainBlockEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            e.assign(domain);
            em.flush();
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<DomainBlock> deleteDomain(long id) {
        return store.tx(em -> {
            DomainBlockEntity e = em.find(DomainBlockEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            DomainBlock was = e.toDTO();
            em.remove(e);
            return Optional.of(was);
        });
    }

    @Override
    public List<ProcessBlock> processes() {
        List<Object[]> rows = store.tx(em -> em
                .createQuery("select p.id, p.process, p.signature from ProcessBlockEntity p order by p.id",
                        Object[].class)
                .getResultList());
        List<ProcessBlock> list = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            list.add(new ProcessBlock(((Number) r[0]).longValue(), (String) r[1], (String) r[2]));
        }
        return list;
    }

    @Override
    public Optional<ProcessBlock> process(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(ProcessBlockEntity.class, id))
                .map(ProcessBlockEntity::toDTO));
    }

    @Override
    public ProcessBlock addProcess(String process, String signature) {
        return store.tx(em -> {
            ProcessBlockEntity e = new ProcessBlockEntity();
            e.assign(process, signature);
            em.persist(e);
            em.flush();
            return e.toDTO();
        });
    }

    @Override
    public Optional<ProcessBlock> updateProcess(long id, String process, String signature) {
        return store.tx(em -> {
            ProcessBlockEntity e = em.find(ProcessBlockEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            e.assign(process != null ? process : e.process, signature != null ? signature : e.signature);
            em.flush();
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<ProcessBlock> deleteProcess(long id) {
        return store.tx(em -> {
            ProcessBlockEntity e = em.find(ProcessBlockEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            ProcessBlock was = e.toDTO();
            em.remove(e);
            return Optional.of(was);
        });
    }
}
