package io.armada.jobs;

import java.time.Instant;

/**
 * What one node answered to one step of a batch.
 *
 * @param code 0 when the node answered code 0; -1 when it refused or failed; -124 when no answer came
 * @param result the node's message, or why there is no answer
 * @param output the node's {@code data} as JSON text (a {@code ServerHandler} call's {@code exit} and {@code output}
 *        among it), empty when none
 * @since 1.1
 */
public record NodeLog(String taskUuid, String subtaskUuid, int seq, String node, int step, int code, String result,
        String output, Instant time) {
}
