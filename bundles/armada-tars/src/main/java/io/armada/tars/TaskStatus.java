package io.armada.tars;

/**
 * The one numbering of task and item statuses: TarsWeb's before the {@code PREPARE} state was added
 * (reference §002.8, {@code AdminReg.tars} before f3da08bf), as the seed's doc has it.
 *
 * @since 1.1
 */
public final class TaskStatus {
    public static final int NOT_START = 0;
    public static final int RUNNING = 1;
    public static final int SUCCESS = 2;
    public static final int FAILED = 3;
    /** An item a serial task did not run because an earlier one failed. */
    public static final int CANCEL = 4;
    /** A task whose items partly succeeded. */
    public static final int PARIAL = 5;

    private TaskStatus() {
    }

    /** Whether a status is final. */
    public static boolean done(int status) {
        return status >= SUCCESS;
    }
}
