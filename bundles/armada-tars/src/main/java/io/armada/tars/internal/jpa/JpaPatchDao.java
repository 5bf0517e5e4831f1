package io.armada.tars.internal.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.armada.persistence.JpaStore;
import io.armada.tars.PatchPackage;
import io.armada.tars.TarsPage;
import io.armada.tars.internal.PatchDao;

/** Patch packages in TARS_PATCH. */
public final class JpaPatchDao implements PatchDao {
    private final JpaStore store;

    public JpaPatchDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public PatchPackage insert(PatchPackage p) {
        return store.tx(em -> {
            em.createQuery("update PatchEntity p set p.defaultVersion = false where p.server = :s")
                    .setParameter("s", p.server()).executeUpdate();
            PatchEntity e = new PatchEntity();
            e.server = p.server();
            e.tgz = p.tgz();
            e.md5 = p.md5();
            e.size = p.size();
            e.updateText = p.comment();
            e.uploadTime = p.uploadTime().toEpochMilli();
            e.uploadUser = p.uploadUser();
            e.defaultVersion = true;
            em.persist(e);
            em.flush();
            return e.toDTO();
        });
    }

    @Override
    public Optional<PatchPackage> find(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(PatchEntity.class, id)).map(PatchEntity::toDTO));
    }

    @Override
    public TarsPage<PatchPackage> list(String server, int page, int size) {
        return store.tx(em -> {
            long count = em.createQuery("select count(p) from PatchEntity p where p.server = :s", Long.class)
                    .setParameter("s", server).getSingleResult();
            var q = em.createQuery("select p from PatchEntity p where p.server = :s order by p.id desc",
                    PatchEntity.class).setParameter("s", server);
            if (page > 0 && size > 0) {
                q.setFirstResult((page - 1) * size).setMaxResults(size);
            }
            List<PatchPackage> rows = q.getResultList().stream().map(PatchEntity::toDTO).toList();
            return new TarsPage<>(count, rows);
        });
    }

    @Override
    public Optional<PatchPackage> defaultOf(String server) {
        return store.tx(em -> em.createQuery("select p from PatchEntity p where p.server = :s"
                + " and p.defaultVersion = true order by p.id desc", PatchEntity.class).setParameter("s", server)
                .setMaxResults(1).getResultList().stream().findFirst().map(PatchEntity::toDTO));
    }

    @Override
    public void published(long id, Instant at) {
        store.run(em -> em.createQuery("update PatchEntity p set p.publishTime = :t where p.id = :id"
                + " and p.publishTime is null").setParameter("t", at.toEpochMilli()).setParameter("id", id)
                .executeUpdate());
    }
}
