package io.armada.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A project (JOBX's {@code projectid}): a named set of nodes, the machines' IPs as their Armada nodes report them.
 *
 * @since 1.0
 */
public record Project(long id, String name, List<String> nodes, Instant createTime) {
}
