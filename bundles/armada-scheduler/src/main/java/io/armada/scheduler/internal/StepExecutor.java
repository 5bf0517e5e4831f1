package io.armada.scheduler.internal;

import java.util.Map;

/** Runs one step's {@code kwargs} (already checked by {@link SchedulerRules}) on the calling thread. */
@FunctionalInterface
interface StepExecutor {

    /** What one attempt did. */
    record Outcome(boolean success, String result) {
        static Outcome ok(String result) {
            return new Outcome(true, result);
        }

        static Outcome failed(String result) {
            return new Outcome(false, result);
        }
    }

    /**
     * One attempt.
     *
     * @return the outcome; a thrown exception counts as a failed attempt with its message
     */
    Outcome run(Map<String, Object> kwargs);
}
