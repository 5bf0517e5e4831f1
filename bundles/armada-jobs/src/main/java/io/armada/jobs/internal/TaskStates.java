package io.armada.jobs.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.armada.jobs.Subtask;

/**
 * The state machine of tasks and subtasks (reference §001.4). A task goes {@code init -> running -> success | fail}
 * (and {@code init -> fail} when stopped before it ran); a subtask {@code init -> running -> success | fail | cancel}
 * (and {@code init -> cancel}). A failed subtask waits ({@code confirm = WaitConfirm}) until a confirm or a stop sets
 * {@code confirm = task stop}; then the task goes on. A task ends {@code success} when every batch succeeded, else
 * {@code fail}. The DAO applies each transition only from the state it expects (compare and set), so two callers never
 * both move a row.
 */
public final class TaskStates {
    public static final String INIT = "init";
    public static final String RUNNING = "running";
    public static final String SUCCESS = "success";
    public static final String FAIL = "fail";
    public static final String CANCEL = "cancel";
    public static final String WAIT_CONFIRM = "WaitConfirm";
    public static final String TASK_STOP = "task stop";

    private static final Map<String, Set<String>> TASK = Map.of(
            INIT, Set.of(RUNNING, FAIL),
            RUNNING, Set.of(SUCCESS, FAIL),
            SUCCESS, Set.of(),
            FAIL, Set.of());
    private static final Map<String, Set<String>> SUBTASK = Map.of(
            INIT, Set.of(RUNNING, CANCEL),
            RUNNING, Set.of(SUCCESS, FAIL, CANCEL),
            SUCCESS, Set.of(),
            FAIL, Set.of(),
            CANCEL, Set.of());

    private TaskStates() {
    }

    public static boolean taskMay(String from, String to) {
        return TASK.getOrDefault(from, Set.of()).contains(to);
    }

    public static boolean subtaskMay(String from, String to) {
        return SUBTASK.getOrDefault(from, Set.of()).contains(to);
    }

    public static boolean taskEnded(String status) {
        return SUCCESS.equals(status) || FAIL.equals(status);
    }

    /** A batch the task no longer waits for: it succeeded, was cancelled, or failed and was confirmed. */
    public static boolean done(String status, String confirm) {
        return SUCCESS.equals(status) || CANCEL.equals(status)
                || (FAIL.equals(status) && !WAIT_CONFIRM.equals(confirm));
    }

    public static boolean waiting(String status, String confirm) {
        return FAIL.equals(status) && WAIT_CONFIRM.equals(confirm);
    }

    /** The end state of a task whose batches are all done: success only when every batch succeeded. */
    public static String result(List<Subtask> subtasks) {
        for (Subtask s : subtasks) {
            if (!SUCCESS.equals(s.status())) {
                return FAIL;
            }
        }
        return subtasks.isEmpty() ? FAIL : SUCCESS;
    }

    /** Third-party query's words: {@code complete} for success, {@code fail}, else {@code running}. */
    public static String thirdStatus(String status) {
        return SUCCESS.equals(status) ? "complete" : FAIL.equals(status) ? "fail" : "running";
    }
}
