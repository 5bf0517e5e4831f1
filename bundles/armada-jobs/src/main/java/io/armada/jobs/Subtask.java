package io.armada.jobs;

import java.time.Instant;
import java.util.List;

/**
 * One batch of a task (JOBX's {@code subtask} row), run after the one before it.
 *
 * @param seq the batch's number, from 1
 * @param status {@code init}, {@code running}, {@code success}, {@code fail} or {@code cancel}
 * @param confirm empty, {@code WaitConfirm} (failed, waiting for a confirm) or {@code task stop} (confirmed or
 *        released by a stop)
 * @param step the job step the batch is at (0-based; the number of steps when all ran)
 * @since 1.1
 */
public record Subtask(long id, String parentUuid, String uuid, int seq, List<String> nodes, Instant startTime,
        Instant finishTime, Double runtime, String status, String confirm, int step) {
}
