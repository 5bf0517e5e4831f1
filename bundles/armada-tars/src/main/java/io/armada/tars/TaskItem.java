package io.armada.tars;

import java.time.Instant;
import java.util.Map;

/**
 * One item of a task as {@code task} shows it; statuses in {@link TaskStatus}'s numbering.
 *
 * @since 1.1
 */
public record TaskItem(String taskNo, String itemNo, long serverId, String application, String serverName,
        String nodeName, String command, Map<String, String> parameters, Instant startTime, Instant endTime,
        int status, String statusInfo, String executeInfo, int percent) {
}
