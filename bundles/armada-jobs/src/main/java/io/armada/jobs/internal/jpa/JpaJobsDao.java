package io.armada.jobs.internal.jpa;

import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.jobs.Group;
import io.armada.jobs.JobDef;
import io.armada.jobs.LogEntry;
import io.armada.jobs.Project;
import io.armada.jobs.internal.JobsDao;
import io.armada.jobs.internal.TaskStates;
import io.armada.persistence.JpaStore;

/** Projects, jobs, groups and the audit log in JOBS_PROJECT, JOBS_JOB, JOBS_GROUP and JOBS_LOG. */
public final class JpaJobsDao implements JobsDao {
    private final JpaStore store;

    public JpaJobsDao(JpaStore store) {
        this.store = store;
    }

    private static void log(EntityManager em, long projectId, Note note) {
        em.persist(LogEntity.of(projectId, note.user(), note.info(), note.at()));
    }

    @Override
    public Project insertProject(String name, List<String> nodes, Note note) {
        return store.tx(em -> {
            ProjectEntity e = new ProjectEntity();
            e.set(name, nodes);
            e.createTime = note.at().toEpochMilli();
            em.persist(e);
            em.flush();
            log(em, e.id, note);
            return e.toDTO();
        });
    }

    @Override
    public Optional<Project> project(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(ProjectEntity.class, id)).map(ProjectEntity::toDTO));
    }

    @Override
    public List<Project> projects() {
        return store.tx(em -> em.createQuery("select p from ProjectEntity p order by p.id", ProjectEntity.class)
                .getResultList().stream().map(ProjectEntity::toDTO).toList());
    }

    @Override
    public Optional<Project> changeProject(long id, String name, List<String> nodes, Note note) {
        return store.tx(em -> {
            ProjectEntity e = em.find(ProjectEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            e.set(name, nodes);
            em.flush();
            log(em, id, note);
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public Optional<String> deleteProject(long id) {
        return store.tx(em -> {
            long jobs = em.createQuery("select count(j) from JobEntity j where j.projectId = :p", Long.class)
                    .setParameter("p", id).getSingleResult();
            long groups = em.createQuery("select count(g) from GroupEntity g where g.projectId = :p", Long.class)
                    .setParameter("p", id).getSingleResult();
            if (jobs + groups > 0) {
                return Optional.of("project " + id + " has " + jobs + " job(s) and " + groups
                        + " group(s): delete them first");
            }
            long open = em.createQuery("select count(t) from TaskEntity t where t.projectId = :p and t.status in "
                    + "(:init, :running)", Long.class).setParameter("p", id).setParameter("init", TaskStates.INIT)
                    .setParameter("running", TaskStates.RUNNING).getSingleResult();
            if (open > 0) {
                return Optional.of("project " + id + " has " + open + " task(s) not ended: stop them or wait for "
                        + "their end first");
            }
            ProjectEntity e = em.find(ProjectEntity.class, id);
            if (e != null) {
                em.remove(e);
                em.createQuery("delete from LogEntity l where l.projectId = :p").setParameter("p", id).executeUpdate();
                // its tasks go with it: their node logs, their batches, then the tasks (rollback rows included)
                String ofProject = " in (select t.uuid from TaskEntity t where t.projectId = :p)";
                em.createQuery("delete from NodeLogEntity n where n.taskUuid" + ofProject).setParameter("p", id)
                        .executeUpdate();
                em.createQuery("delete from SubtaskEntity s where s.parentUuid" + ofProject).setParameter("p", id)
                        .executeUpdate();
                em.createQuery("delete from TaskEntity t where t.projectId = :p").setParameter("p", id).executeUpdate();
            }
            return Optional.empty();
        });
    }

    @Override
    public JobDef insertJob(long projectId, String name, List<JsonNode> steps, List<JsonNode> rollback, Note note) {
        return store.tx(em -> {
            JobEntity e = new JobEntity();
            e.projectId = projectId;
            e.name = name;
            e.steps = JsonText.of(steps);
            e.rollback = JsonText.of(rollback);
            e.editTime = note.at().toEpochMilli();
            em.persist(e);
            em.flush();
            log(em, projectId, note);
            return e.toDTO();
        });
    }

    @Override
    public List<JobDef> jobs(long projectId) {
        return store.tx(em -> em.createQuery("select j from JobEntity j where j.projectId = :p order by j.id",
                JobEntity.class).setParameter("p", projectId).getResultList().stream().map(JobEntity::toDTO).toList());
    }

    private static JobEntity job(EntityManager em, long projectId, long id) {
        JobEntity e = em.find(JobEntity.class, id);
        return e != null && e.projectId == projectId ? e : null;
    }

    @Override
    public Optional<JobDef> job(long projectId, long id) {
        return store.tx(em -> Optional.ofNullable(job(em, projectId, id)).map(JobEntity::toDTO));
    }

    @Override
    public Optional<JobDef> changeJob(long projectId, long id, String name, List<JsonNode> steps,
            List<JsonNode> rollback, Note note) {
        return store.tx(em -> {
            JobEntity e = job(em, projectId, id);
            if (e == null) {
                return Optional.empty();
            }
            e.name = name;
            e.steps = JsonText.of(steps);
            e.rollback = JsonText.of(rollback);
            e.editTime = note.at().toEpochMilli();
            em.flush();
            log(em, projectId, note);
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public boolean deleteJob(long projectId, long id, Note note) {
        return store.tx(em -> {
            JobEntity e = job(em, projectId, id);
            if (e == null) {
                return false;
            }
            em.remove(e);
            log(em, projectId, note);
            return true;
        });
    }

    @Override
    public Group insertGroup(Group group, Note note) {
        return store.tx(em -> {
            GroupEntity e = new GroupEntity();
            e.set(group);
            em.persist(e);
            em.flush();
            log(em, group.projectId(), note);
            return e.toDTO();
        });
    }

    @Override
    public List<Group> groups(long projectId) {
        return store.tx(em -> em.createQuery("select g from GroupEntity g where g.projectId = :p order by g.id desc",
                GroupEntity.class).setParameter("p", projectId).getResultList().stream().map(GroupEntity::toDTO)
                .toList());
    }

    private static GroupEntity group(EntityManager em, long projectId, long id) {
        GroupEntity e = em.find(GroupEntity.class, id);
        return e != null && e.projectId == projectId ? e : null;
    }

    @Override
    public Optional<Group> group(long projectId, long id) {
        return store.tx(em -> Optional.ofNullable(group(em, projectId, id)).map(GroupEntity::toDTO));
    }

    @Override
    public Optional<Group> changeGroup(long projectId, long id, Group next, Note note) {
        return store.tx(em -> {
            GroupEntity e = group(em, projectId, id);
            if (e == null) {
                return Optional.empty();
            }
            e.set(next);
            em.flush();
            log(em, projectId, note);
            return Optional.of(e.toDTO());
        });
    }

    @Override
    public boolean deleteGroup(long projectId, long id, Note note) {
        return store.tx(em -> {
            GroupEntity e = group(em, projectId, id);
            if (e == null) {
                return false;
            }
            em.remove(e);
            log(em, projectId, note);
            return true;
        });
    }

    @Override
    public List<LogEntry> log(long projectId) {
        return store.tx(em -> em.createQuery("select l from LogEntity l where l.projectId = :p order by l.id desc",
                LogEntity.class).setParameter("p", projectId).setMaxResults(1000).getResultList().stream()
                .map(LogEntity::toDTO).toList());
    }
}
