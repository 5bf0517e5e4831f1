package io.armada.jobs;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task (JOBX's {@code task} row): a job run over a group's batches, or a rollback placeholder.
 *
 * @param uuid 12 characters; a lower-case last letter is a deploy, an upper-case one a rollback
 * @param name the job's name ({@code _skip_} for a placeholder that only blocks a rollback)
 * @param group the group's name ({@code _null_} for a placeholder)
 * @param slave the server that runs it ({@code _null_} for a placeholder)
 * @param status {@code init}, {@code running}, {@code success} or {@code fail}
 * @param startTime when it was created or started running
 * @param finishTime when it ended, {@code null} before
 * @param calltype {@code api} when the user name ends with {@code @app}, else {@code page}
 * @param runtime seconds with 3 decimals, {@code null} before the end
 * @param variable the task's variables (a JSON object)
 * @param reason why it failed or was stopped, empty when none
 * @since 1.1
 */
public record Task(long id, long projectId, String uuid, String name, String group, String user, String slave,
        String status, Instant startTime, Instant finishTime, String calltype, Double runtime, JsonNode variable,
        String reason) {
}
