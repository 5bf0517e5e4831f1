package io.armada.scheduler;

import java.util.Map;

/**
 * One step of a job, as validated.
 *
 * @param executor {@code http} or {@code agents-task}
 * @param kwargs the executor's arguments (JSON values: maps, lists, text, numbers, booleans), never {@code null}
 * @param revert what undoes the step when a later one fails and the job has {@code revertall}, or {@code null}
 *        (its own {@code revert} is always {@code null})
 * @since 1.0
 */
public record Step(String executor, Map<String, Object> kwargs, Step revert) {
    public Step {
        kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
    }
}
