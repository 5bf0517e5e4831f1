package io.armada.tars.rest;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.tars.TaskItem;
import io.armada.tars.TaskStatus;
import io.armada.tars.TaskView;

/** The task's {@code percent}: the share of its items that ended. */
public class ExecRowsTest {

    private static TaskView task(int status, int... itemStatuses) {
        List<TaskItem> items = new ArrayList<>();
        for (int i = 0; i < itemStatuses.length; i++) {
            items.add(new TaskItem("t", "i" + i, i, "A", "B", "10.0.0." + i, "restart", Map.of(), null, null,
                    itemStatuses[i], "", "", TaskStatus.done(itemStatuses[i]) ? 100 : 0));
        }
        return new TaskView("t", true, status, Instant.EPOCH, "", items);
    }

    @Test
    public void percentIsTheShareOfEndedItems() {
        assertEquals(0, ExecRows.percent(task(TaskStatus.RUNNING, TaskStatus.RUNNING, TaskStatus.NOT_START,
                TaskStatus.NOT_START)));
        assertEquals(33, ExecRows.percent(task(TaskStatus.RUNNING, TaskStatus.SUCCESS, TaskStatus.RUNNING,
                TaskStatus.NOT_START)));
        assertEquals(66, ExecRows.percent(task(TaskStatus.RUNNING, TaskStatus.SUCCESS, TaskStatus.FAILED,
                TaskStatus.RUNNING)));
        assertEquals(100, ExecRows.percent(task(TaskStatus.PARIAL, TaskStatus.SUCCESS, TaskStatus.FAILED,
                TaskStatus.CANCEL)));
        assertEquals(50, ExecRows.task(task(TaskStatus.RUNNING, TaskStatus.SUCCESS, TaskStatus.RUNNING))
                .get("percent"));
    }
}
