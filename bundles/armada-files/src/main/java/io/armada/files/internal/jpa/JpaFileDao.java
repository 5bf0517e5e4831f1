package io.armada.files.internal.jpa;

import java.util.List;
import java.util.Optional;

import io.armada.files.FileRecord;
import io.armada.files.FileStatus;
import io.armada.files.internal.FileDao;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/** File records in {@code FILES_RECORD}. */
public final class JpaFileDao implements FileDao {
    private final JpaStore store;

    public JpaFileDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public long count() {
        return store.tx(em -> em.createQuery("select count(f) from FileEntity f", Long.class).getSingleResult());
    }

    @Override
    public List<FileRecord> page(long offset, int limit) {
        if (offset > Integer.MAX_VALUE) {
            return List.of();
        }
        return store.tx(em -> em.createQuery("select f from FileEntity f order by f.uploadtime, f.md5", FileEntity.class)
                .setFirstResult((int) offset).setMaxResults(limit).getResultList().stream().map(FileEntity::toDTO)
                .toList());
    }

    @Override
    public Optional<FileRecord> find(String md5) {
        return store.tx(em -> Optional.ofNullable(em.find(FileEntity.class, md5)).map(FileEntity::toDTO));
    }

    @Override
    public FileRecord insert(FileRecord record) {
        return store.tx(em -> {
            if (em.find(FileEntity.class, record.md5()) != null) {
                throw new DuplicateKeyException("file " + record.md5() + " has a record", null);
            }
            FileEntity e = FileEntity.of(record);
            em.persist(e);
            em.flush();
            return e.toDTO();
        });
    }

    @Override
    public Optional<FileRecord> setStatus(String md5, FileStatus status) {
        return store.tx(em -> {
            FileEntity e = em.find(FileEntity.class, md5);
            if (e == null) {
                return Optional.empty();
            }
            e.status = status.name();
            em.flush();
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<FileRecord> delete(String md5) {
        return store.tx(em -> {
            FileEntity e = em.find(FileEntity.class, md5);
            if (e == null) {
                return Optional.empty();
            }
            FileRecord was = e.toDTO();
            em.remove(e);
            return Optional.of(was);
        });
    }
}
