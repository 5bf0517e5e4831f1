package io.armada.agents.internal;

import static io.armada.agents.internal.AgentRulesTest.bad;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

import io.armada.agents.AsyncTiming;

public class AsyncWindowTest {
    private static final long NOW = 1_700_000_000L;

    private static AsyncTiming at(Long requestTime, Long finish, Long deadline, Integer expire) {
        return AsyncWindow.compute(NOW, requestTime, finish, deadline, expire, 180, 15, 86400);
    }

    @Test
    public void defaultsFollowRpcFinishTime() {
        AsyncTiming t = at(NOW, null, null, null);
        assertEquals(NOW, t.requestTime());
        assertEquals(NOW + 15, t.finishtime());
        assertEquals(NOW + 20, t.deadline());
        assertEquals(180, t.expire());
        assertEquals(0, at(NOW, 0L, 0L, 0).expire());
    }

    @Test
    public void clientTimesAreShiftedByTheClockOffset() {
        // the client is 3 s behind: its times move forward by 3; a given deadline loses one more second
        AsyncTiming t = at(NOW - 3, NOW - 3 + 10, NOW - 3 + 30, 0);
        assertEquals(NOW + 10, t.finishtime());
        assertEquals(NOW + 29, t.deadline());
        AsyncTiming ahead = at(NOW + 5, NOW + 5 + 10, null, null);
        assertEquals(NOW + 10, ahead.finishtime());
        assertEquals(NOW + 15, ahead.deadline());
    }

    @Test
    public void theWindowIsChecked() {
        bad(() -> at(null, null, null, null), "Async request need argument request_time");
        bad(() -> at(NOW - 6, null, null, null), "The offset time between send and receive is 6");
        bad(() -> at(NOW + 6, null, null, null), "The offset time between send and receive is -6");
        bad(() -> at(NOW, NOW + 2, null, null), "Job can not be finished in 3 second");
        bad(() -> at(NOW, NOW + 10, NOW + 12, null), "Job deadline must at least 3 second after finishtime");
        bad(() -> at(NOW, null, null, -1), "Async argv expire less thne 0");
        bad(() -> at(NOW, null, NOW + 90000, null), "more than 86400 second");
        at(NOW, NOW + 3, NOW + 7, null);
    }
}
