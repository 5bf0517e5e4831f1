package io.armada.tars.internal.jpa;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.persistence.EntityManager;

import io.armada.persistence.JpaStore;
import io.armada.tars.ProfileTemplate;
import io.armada.tars.internal.TemplateDao;

/** Profile templates in TARS_TEMPLATE. */
public final class JpaTemplateDao implements TemplateDao {
    private final JpaStore store;

    public JpaTemplateDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public ProfileTemplate insert(ProfileTemplate t) {
        return store.tx(em -> {
            TemplateEntity e = new TemplateEntity();
            set(e, t);
            em.persist(e);
            em.flush();
            return e.toDTO();
        });
    }

    private static void set(TemplateEntity e, ProfileTemplate t) {
        e.templateName = t.templateName();
        e.parentsName = t.parentsName();
        e.profile = t.profile();
        e.posttime = t.posttime().toEpochMilli();
    }

    @Override
    public Optional<ProfileTemplate> find(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(TemplateEntity.class, id)).map(TemplateEntity::toDTO));
    }

    @Override
    public Optional<ProfileTemplate> find(String templateName) {
        return store.tx(em -> byName(em, templateName).map(TemplateEntity::toDTO));
    }

    private static Optional<TemplateEntity> byName(EntityManager em, String name) {
        return em.createQuery("select t from TemplateEntity t where t.templateName = :n", TemplateEntity.class)
                .setParameter("n", name).getResultList().stream().findFirst();
    }

    @Override
    public List<ProfileTemplate> all() {
        return store.tx(em -> em.createQuery("select t from TemplateEntity t order by t.templateName",
                TemplateEntity.class).getResultList().stream().map(TemplateEntity::toDTO).toList());
    }

    @Override
    public Optional<ProfileTemplate> change(long id, UnaryOperator<ProfileTemplate> change) {
        return store.tx(em -> {
            TemplateEntity e = em.find(TemplateEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            set(e, change.apply(e.toDTO()));
            em.flush();
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<String> delete(long id) {
        return store.tx(em -> {
            TemplateEntity e = em.find(TemplateEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            if (inUse(em, e.templateName)) {
                return Optional.of("template " + e.templateName + " is used by a server (#api.template.being.referred#)");
            }
            List<String> children = em.createQuery("select t.templateName from TemplateEntity t"
                    + " where t.parentsName = :n", String.class).setParameter("n", e.templateName).setMaxResults(1)
                    .getResultList();
            if (!children.isEmpty()) {
                return Optional.of("template " + e.templateName + " is the parent of " + children.get(0));
            }
            em.remove(e);
            return Optional.empty();
        });
    }

    @Override
    public boolean inUse(String templateName) {
        return store.tx(em -> inUse(em, templateName));
    }

    private static boolean inUse(EntityManager em, String name) {
        return !em.createQuery("select s.id from ServerEntity s where s.templateName = :n", Long.class)
                .setParameter("n", name).setMaxResults(1).getResultList().isEmpty();
    }
}
