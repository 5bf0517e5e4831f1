package io.armada.jobs;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tasks of the jobs area (seed 001 {@code task}, {@code subtask}, {@code slave} and {@code third}, SPEC §10.5): a job
 * run over a group's batches, one batch after another, each step of the job sent to every node of the batch. Refusals
 * are {@link io.armada.core.ApiException}s (JOBX's {@code {stat:false, info}}); a refused call writes nothing. Calls
 * never wait for nodes: the work goes on in the background and every change of state is written first.
 *
 * @since 1.1
 */
@ProviderType
public interface TaskService {

    /** A task started by {@link #start}: its uuid. */
    record Started(String uuid, Task task) {
    }

    /**
     * Creates a task (status {@code init}) with a new deploy uuid and starts it.
     *
     * @param variable a JSON object or {@code null}
     */
    Started start(String user, long projectId, String jobName, String groupName, JsonNode variable);

    List<Task> tasks(TaskFilter filter);

    Task task(long projectId, String uuid);

    /** The task's batches, in order. */
    List<Subtask> subtasks(long projectId, String taskUuid);

    /** Lets a batch that failed (it waits in {@code WaitConfirm}) go on to the next one; the subtask after it. */
    Subtask confirm(String user, long projectId, String subtaskUuid);

    /**
     * Stops a task: batches not started are cancelled, one waiting for a confirm is released, the running one is cut
     * (its step's missing answers end now).
     *
     * @return {@code null} when stopped, else why nothing was done (the task had ended)
     */
    String stop(String user, long projectId, String uuid);

    /** {@code rollback} (a rollback task over the same group) or {@code norollback}; once per deploy task. */
    void control(String user, long projectId, String uuid, String control);

    /** What each node answered to each step: of a task (every batch) or of one subtask. */
    List<NodeLog> logs(String uuid);

    /** {@code /task/:projectid/count}: tasks per status started this month ({@code success}, {@code running}, {@code fail} always there). */
    Map<String, Long> countThisMonth(long projectId);

    /** {@code analysis/last}: the newest tasks. */
    List<Task> last(long projectId, int count);

    /** {@code analysis/date}: {@code [day, total, success]} of the last 30 days. */
    List<List<Object>> perDay(long projectId);

    /** {@code analysis/hour}: {@code [HH, n]} of the last 30 days. */
    List<List<Object>> perHour(long projectId);

    /** {@code analysis/runtime}: percentage (as {@code %.2f} text) per runtime bucket of the last 30 days. */
    Map<String, String> runtimeShares(long projectId);

    /** The third-party uuid: the first 11 characters of {@code uuid} and the letter {@code retryCount} ({@code a}..{@code z}). */
    String thirdUuid(String uuid, Integer retryCount);

    /** {@code third/interface/dry-run}: checks without writing; the uuid. */
    String dryRun(String user, long projectId, String uuid, JsonNode params);

    /**
     * {@code third/interface/invoke}: creates and starts a task with the given uuid.
     *
     * @return the task started, or {@code null} when that uuid exists already
     */
    Started invoke(String user, long projectId, String uuid, JsonNode params);

    /** {@code third/interface/query}: the fields of JOBX's answer ({@code status, msg, type, link, progress, ctrl}). */
    Map<String, Object> query(String uuid);

    /** {@code third/interface/stop}: stops the task (a rollback's when there is one); what JOBX answers in {@code info}. */
    String thirdStop(String user, String uuid);
}
