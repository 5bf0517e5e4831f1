package io.armada.jobs;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Projects, jobs, machine groups and the audit log of the jobs area (seed 001, SPEC §10.5). Refusals are
 * {@link io.armada.core.ApiException}s (JOBX's {@code {stat:false, info}}); a refused change writes nothing. Every
 * change is written to the project's audit log with the user given.
 *
 * @since 1.0
 */
@ProviderType
public interface JobsService {

    Project addProject(String user, String name, List<String> nodes);

    List<Project> projects();

    Project project(long id);

    /** A {@code null} field stays as it is. */
    Project updateProject(String user, long id, String name, List<String> nodes);

    /**
     * Deletes a project that has no jobs and no groups left and no task that has not ended (refused while one runs or
     * waits for a confirm); its tasks, their batches and node logs go with it. Its id.
     */
    long deleteProject(String user, long id);

    JobDef addJob(String user, long projectId, String name, List<JsonNode> steps, List<JsonNode> rollback);

    List<JobDef> jobs(long projectId);

    JobDef job(long projectId, long id);

    /** A {@code null} field stays as it is. */
    JobDef updateJob(String user, long projectId, long id, String name, List<JsonNode> steps, List<JsonNode> rollback);

    long deleteJob(String user, long projectId, long id);

    /**
     * Adds a group.
     *
     * @param groupType {@code list} (with {@code node}) or {@code percent} (with {@code percent})
     */
    Group addGroup(String user, long projectId, String name, String note, String groupType, String node,
            String percent);

    /** The project's groups, newest first. */
    List<Group> groups(long projectId);

    Group group(long projectId, long id);

    /** Rewrites a group (a new {@code group_uuid}), as JOBX's edit. */
    Group updateGroup(String user, long projectId, long id, String name, String note, String groupType, String node,
            String percent);

    long deleteGroup(String user, long projectId, long id);

    /** The group's batches, each a list of nodes. */
    List<List<String>> batches(long projectId, long id);

    /** The names of the project's groups ({@code /third/option/groupname}). */
    List<String> groupNames(long projectId);

    /** The project's audit log, newest first. */
    List<LogEntry> log(long projectId);
}
