package io.armada.jobs.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.jobs.Group;
import io.armada.jobs.JobDef;
import io.armada.jobs.LogEntry;
import io.armada.jobs.Project;

/**
 * Projects, jobs, groups and the audit log. Each change is one transaction that also writes its audit line
 * ({@code note}); a unique name refused by the database throws {@link io.armada.persistence.DuplicateKeyException}.
 * A change of a row that does not exist (or not in that project) answers empty and writes nothing.
 */
public interface JobsDao {

    /** An audit line: who and what. */
    record Note(String user, String info, Instant at) {
    }

    Project insertProject(String name, List<String> nodes, Note note);

    Optional<Project> project(long id);

    List<Project> projects();

    Optional<Project> changeProject(long id, String name, List<String> nodes, Note note);

    /**
     * Deletes a project unless jobs or groups are left in it or one of its tasks has not ended; its audit log and its
     * tasks (their batches and node logs, rollback rows included) go with it, in the same transaction.
     *
     * @return why not, empty when deleted
     */
    Optional<String> deleteProject(long id);

    JobDef insertJob(long projectId, String name, List<JsonNode> steps, List<JsonNode> rollback, Note note);

    List<JobDef> jobs(long projectId);

    Optional<JobDef> job(long projectId, long id);

    Optional<JobDef> changeJob(long projectId, long id, String name, List<JsonNode> steps, List<JsonNode> rollback,
            Note note);

    boolean deleteJob(long projectId, long id, Note note);

    Group insertGroup(Group group, Note note);

    /** Newest first. */
    List<Group> groups(long projectId);

    Optional<Group> group(long projectId, long id);

    Optional<Group> changeGroup(long projectId, long id, Group group, Note note);

    boolean deleteGroup(long projectId, long id, Note note);

    /** Newest first. */
    List<LogEntry> log(long projectId);
}
