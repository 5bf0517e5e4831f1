package io.armada.jobs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.jobs.Subtask;

/** The task and subtask state machine (reference §001.4). */
public class TaskStatesTest {

    private static Subtask sub(String status, String confirm) {
        return new Subtask(1, "p", "u", 1, List.of("10.0.0.1"), null, null, null, status, confirm, 0);
    }

    @Test
    public void aTaskGoesInitRunningThenSuccessOrFailAndNeverBack() {
        assertTrue(TaskStates.taskMay("init", "running"));
        assertTrue(TaskStates.taskMay("init", "fail"));
        assertTrue(TaskStates.taskMay("running", "success"));
        assertTrue(TaskStates.taskMay("running", "fail"));
        assertFalse(TaskStates.taskMay("init", "success"));
        assertFalse(TaskStates.taskMay("success", "running"));
        assertFalse(TaskStates.taskMay("fail", "running"));
        assertFalse(TaskStates.taskMay("fail", "success"));
        assertFalse(TaskStates.taskMay("running", "init"));
    }

    @Test
    public void aSubtaskEndsSuccessFailOrCancel() {
        assertTrue(TaskStates.subtaskMay("init", "running"));
        assertTrue(TaskStates.subtaskMay("init", "cancel"));
        for (String end : List.of("success", "fail", "cancel")) {
            assertTrue(TaskStates.subtaskMay("running", end));
            for (String any : List.of("init", "running", "success", "fail", "cancel")) {
                assertFalse(end + " -> " + any, TaskStates.subtaskMay(end, any));
            }
        }
        assertFalse(TaskStates.subtaskMay("init", "success"));
    }

    @Test
    public void aFailedBatchWaitsUntilConfirmed() {
        assertTrue(TaskStates.waiting("fail", "WaitConfirm"));
        assertFalse(TaskStates.done("fail", "WaitConfirm"));
        assertTrue(TaskStates.done("fail", "task stop"));
        assertTrue(TaskStates.done("success", ""));
        assertTrue(TaskStates.done("cancel", ""));
        assertFalse(TaskStates.done("running", ""));
        assertFalse(TaskStates.done("init", ""));
    }

    @Test
    public void aTaskSucceedsOnlyWhenEveryBatchDid() {
        assertEquals("success", TaskStates.result(List.of(sub("success", ""), sub("success", ""))));
        assertEquals("fail", TaskStates.result(List.of(sub("success", ""), sub("fail", "task stop"))));
        assertEquals("fail", TaskStates.result(List.of(sub("cancel", ""), sub("success", ""))));
        assertEquals("fail", TaskStates.result(List.of()));
        assertEquals("complete", TaskStates.thirdStatus("success"));
        assertEquals("fail", TaskStates.thirdStatus("fail"));
        assertEquals("running", TaskStates.thirdStatus("init"));
    }

    @Test
    public void runtimeSharesUseJobxBuckets() {
        Map<String, String> s = TaskStatistics.shares(java.util.Arrays.asList(30.0, 59.9, 60.0, 200.0, 4000.0, null));
        assertEquals(List.of("0-1", "1-3", "3-5", "5-10", "10-30", "30+"), List.copyOf(s.keySet()));
        assertEquals("40.00", s.get("0-1"));
        assertEquals("20.00", s.get("1-3"));
        assertEquals("20.00", s.get("3-5"));
        assertEquals("0.00", s.get("5-10"));
        assertEquals("20.00", s.get("30+"));
    }
}
