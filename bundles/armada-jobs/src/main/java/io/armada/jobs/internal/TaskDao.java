package io.armada.jobs.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.jobs.NodeLog;
import io.armada.jobs.Subtask;
import io.armada.jobs.Task;
import io.armada.jobs.TaskFilter;

/**
 * Tasks, their batches and the nodes' answers. Every change of state is one transaction applied only from the state
 * the caller expects (it answers {@code false} and writes nothing otherwise), so a batch is claimed, a step sent and a
 * step's end recorded once, whoever tries.
 */
public interface TaskDao {

    /** A task to insert, with its batches (one subtask each, uuids given). */
    record NewTask(long projectId, String uuid, String name, String group, String user, String slave, String status,
            String calltype, JsonNode variable, List<JsonNode> steps, List<List<String>> batches,
            List<String> subtaskUuids, Instant at) {
    }

    /** A subtask with where it is in the steps. */
    record SubRow(Subtask subtask, String stepState, String requestId, String runId) {
    }

    /** A task with its steps, whether a stop was asked, and its batches in order. */
    record Run(Task task, List<JsonNode> steps, boolean stopped, List<SubRow> subtasks) {
    }

    /** What a stop found. */
    record Stopped(Task task, boolean ended, String requestId) {
    }

    /**
     * Inserts a task and its subtasks, and the audit line.
     *
     * @param placeholder also insert this rollback placeholder ({@code _skip_}, slave {@code _null_}, success), or
     *        {@code null}
     * @throws io.armada.persistence.DuplicateKeyException when a uuid exists
     */
    Task insert(NewTask task, NewTask placeholder, JobsDao.Note note);

    Optional<Task> task(String uuid);

    Optional<Run> run(String uuid);

    List<Task> tasks(TaskFilter filter, int max);

    List<Subtask> subtasks(String taskUuid);

    Optional<Subtask> subtask(String uuid);

    /** Tasks not ended ({@code init} or {@code running}) of a slave. */
    List<String> unfinished(String slave);

    /** The slave of every task not ended ({@code init} or {@code running}), by task uuid. */
    java.util.Map<String, String> unfinishedSlaves();

    /**
     * Moves a task not ended from one slave to another, if it is still {@code from}'s (one of several servers wins).
     *
     * @return whether it moved
     */
    boolean adopt(String uuid, String from, String to);

    long unfinishedCount();

    boolean taskRunning(String uuid, Instant at);

    /** Ends a task ({@code from} → {@code to}) with its runtime; {@code reason} kept when {@code null}. */
    boolean endTask(String uuid, String from, String to, String reason, Instant at);

    /** {@code init} → {@code running} at step 0. */
    boolean subtaskRunning(String uuid, Instant at);

    /** Step {@code step} of a running subtask, not sent yet, is being sent by run {@code runId}. */
    boolean stepSending(String uuid, int step, String runId);

    /** The step being sent is carried by async request {@code requestId}. */
    boolean stepSent(String uuid, int step, String requestId);

    /**
     * Records the end of step {@code step} (sending or sent) with the nodes' answers: {@code next} moves to the next
     * step, {@code success}, {@code fail} (waits for a confirm) and {@code cancel} end the subtask.
     */
    boolean stepEnded(String uuid, int step, List<NodeLog> logs, String outcome, Instant at);

    /** A subtask waiting for a confirm goes on ({@code confirm = task stop}), with the audit line. */
    boolean confirm(String uuid, long projectId, JobsDao.Note note);

    /**
     * Asks a task to stop: batches not started are cancelled, a batch waiting for a confirm is released. An ended task
     * is left as it is ({@code ended}).
     */
    Optional<Stopped> stop(long projectId, String uuid, JobsDao.Note note);

    /** The running subtask of a stopped task ends {@code cancel} when it is not at a step in flight. */
    boolean cancelRunning(String subtaskUuid, Instant at);

    /** Node answers of a task uuid or a subtask uuid, in order. */
    List<NodeLog> logs(String uuid, int max);

    /** Tasks of a project started at or after {@code from} (placeholders left out). */
    List<Task> since(long projectId, Instant from, int max);

    /** The newest tasks of a project (placeholders left out). */
    List<Task> last(long projectId, int count);
}
