package io.armada.jobs;

import java.time.Instant;

/**
 * A machine group of a project: how its nodes are split into batches (JOBX's {@code group} with its
 * {@code group_type_list} or {@code group_type_percent} row).
 *
 * @param groupType {@code list} or {@code percent}
 * @param groupUuid changes with every edit (JOBX writes a new type row each time)
 * @param spec the {@code node} text of a list group, the {@code percent} text of a percent group
 * @since 1.0
 */
public record Group(long id, long projectId, String name, String note, String groupType, String groupUuid,
        String spec, Instant editTime) {
}
