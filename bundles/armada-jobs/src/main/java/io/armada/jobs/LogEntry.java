package io.armada.jobs;

import java.time.Instant;

/**
 * One line of a project's audit log.
 *
 * @since 1.0
 */
public record LogEntry(long id, String user, String info, Instant createTime) {
}
