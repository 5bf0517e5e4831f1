package io.armada.jobs;

import java.time.LocalDate;
import java.util.List;

/**
 * The filters of {@code GET /task/:projectid}; a {@code null} filter is not applied.
 *
 * @param name part of the job's name
 * @param timeStart first day (whole days, the server's zone)
 * @param timeEnd last day
 * @param allowSlaveNull include the rollback placeholders ({@code slave} {@code _null_})
 * @since 1.1
 */
public record TaskFilter(List<Long> projectIds, String name, String user, String status, String uuid,
        LocalDate timeStart, LocalDate timeEnd, boolean allowSlaveNull) {
}
