package io.armada.jobs;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job of a project: a named list of steps, each a monitor {@code task} body ({@code {handler, command, data}},
 * a {@code ServerHandler} call among them) in which {@code ${name}} is replaced by the task's variables and
 * {@code ${ip}} by the node's IP; optional rollback steps.
 *
 * @since 1.0
 */
public record JobDef(long id, long projectId, String name, List<JsonNode> steps, List<JsonNode> rollback,
        Instant editTime) {
}
