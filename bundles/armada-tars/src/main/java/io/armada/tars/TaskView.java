package io.armada.tars;

import java.time.Instant;
import java.util.List;

/**
 * A task and its items ({@code task}, {@code task_list}).
 *
 * @since 1.1
 */
public record TaskView(String taskNo, boolean serial, int status, Instant createTime, String userName,
        List<TaskItem> items) {
}
