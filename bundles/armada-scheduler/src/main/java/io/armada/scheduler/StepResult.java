package io.armada.scheduler;

/**
 * What one step of a run did.
 *
 * @param index the step's position in the job, from 0
 * @param executor its executor
 * @param phase {@code execute}, or {@code revert} for the revert of a finished step
 * @param attempts how many times it was tried
 * @param start epoch milliseconds
 * @param end epoch milliseconds
 * @param success whether its last attempt succeeded
 * @param result what its last attempt answered (at most 1,024 characters)
 * @since 1.0
 */
public record StepResult(int index, String executor, String phase, int attempts, long start, long end,
        boolean success, String result) {
}
