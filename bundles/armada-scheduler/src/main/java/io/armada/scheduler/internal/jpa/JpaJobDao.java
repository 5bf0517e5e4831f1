package io.armada.scheduler.internal.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.persistence.LockModeType;

import io.armada.persistence.JpaStore;
import io.armada.scheduler.JobRun;
import io.armada.scheduler.JobSpec;
import io.armada.scheduler.JobState;
import io.armada.scheduler.internal.JobDao;
import io.armada.scheduler.internal.JobDao.NewRun;
import io.armada.scheduler.internal.JobRow;

/** {@link JobDao} on the area's persistence unit {@code armada-scheduler}. */
public final class JpaJobDao implements JobDao {
    private final JpaStore store;

    public JpaJobDao(JpaStore store) {
        this.store = store;
    }

    @Override
    public JobRow insert(JobSpec spec, long createdSeconds) {
        return store.tx(em -> {
            JobEntity e = new JobEntity();
            e.assign(spec);
            e.state = JobState.ACTIVE.name();
            e.created = createdSeconds;
            em.persist(e);
            em.flush();
            return e.toDTO();
        });
    }

    @Override
    public Optional<JobRow> find(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(JobEntity.class, id)).map(JobEntity::toDTO));
    }

    @Override
    public Optional<JobRow> replace(long id, JobSpec spec, JobState state) {
        return store.tx(em -> {
            JobEntity e = em.find(JobEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (e == null) {
                return Optional.empty();
            }
            e.assign(spec);
            e.state = state.name();
            // times counts the fires of the new plan
            e.fired = 0;
            em.flush();
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<JobRow> setState(long id, JobState state) {
        return store.tx(em -> {
            JobEntity e = em.find(JobEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            e.state = state.name();
            em.flush();
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<JobRow> delete(long id) {
        return store.tx(em -> {
            JobEntity e = em.find(JobEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            JobRow was = e.toDTO();
            em.createQuery("delete from RunEntity r where r.jobId = :j").setParameter("j", id).executeUpdate();
            em.remove(e);
            return Optional.of(was);
        });
    }

    @Override
    public long count() {
        return store.tx(em -> em.createQuery("select count(j) from JobEntity j", Long.class).getSingleResult());
    }

    @Override
    public List<JobRow> page(int offset, int limit) {
        return store.tx(em -> {
            List<JobEntity> rows = em.createQuery("select j from JobEntity j order by j.id", JobEntity.class)
                    .setFirstResult(offset).setMaxResults(limit).getResultList();
            List<JobRow> out = new ArrayList<>(rows.size());
            for (JobEntity e : rows) {
                out.add(e.toDTO());
            }
            return out;
        });
    }

    @Override
    public List<Long> ids(int max) {
        return store.tx(em -> em.createQuery("select j.id from JobEntity j order by j.id", Long.class)
                .setMaxResults(max).getResultList());
    }

    @Override
    public List<Optional<JobRun>> addRuns(List<NewRun> runs, int keep) {
        return store.tx(em -> {
            List<Optional<JobRun>> out = new ArrayList<>(runs.size());
            for (NewRun n : runs) {
                JobEntity job = em.find(JobEntity.class, n.jobId(), LockModeType.PESSIMISTIC_WRITE);
                if (job == null) {
                    out.add(Optional.empty());
                    continue;
                }
                job.fired++;
                if (n.finish() && JobState.ACTIVE.name().equals(job.state)) {
                    job.state = JobState.FINISHED.name();
                }
                RunEntity r = new RunEntity();
                r.jobId = n.jobId();
                r.scheduled = n.scheduled();
                r.started = n.start();
                r.ended = n.end();
                r.success = n.success();
                r.result = n.result();
                r.steps = StepsJson.write(n.steps());
                em.persist(r);
                em.flush();
                List<Long> old = em.createQuery("select r.id from RunEntity r where r.jobId = :j order by r.id desc",
                        Long.class).setParameter("j", n.jobId()).setFirstResult(Math.max(keep, 1)).getResultList();
                if (!old.isEmpty()) {
                    em.createQuery("delete from RunEntity r where r.jobId = :j and r.id <= :m")
                            .setParameter("j", n.jobId()).setParameter("m", old.get(0)).executeUpdate();
                }
                out.add(Optional.of(r.toDTO()));
            }
            return out;
        });
    }

    @Override
    public List<JobRun> runs(long jobId, int max) {
        return store.tx(em -> {
            List<RunEntity> rows = em.createQuery("select r from RunEntity r where r.jobId = :j order by r.id desc",
                    RunEntity.class).setParameter("j", jobId).setMaxResults(max).getResultList();
            List<JobRun> out = new ArrayList<>(rows.size());
            for (RunEntity r : rows) {
                out.add(r.toDTO());
            }
            return out;
        });
    }
}
