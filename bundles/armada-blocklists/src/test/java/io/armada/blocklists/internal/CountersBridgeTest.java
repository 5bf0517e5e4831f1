package io.armada.blocklists.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Test;

import io.armada.counters.Counter;
import io.armada.core.testing.Await;
import io.armada.counters.testing.FakeCounterService;

/** The bridge to the counters: a bump of both counters when it starts, one count per change, retries. */
public class CountersBridgeTest {
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();

    @After
    public void stop() {
        background.shutdownNow();
    }

    @Test
    public void startingBumpsEachCounterOnceSoNoUncountedChangeStaysHidden() {
        FakeCounterService counters = new FakeCounterService(0);
        new CountersBridge(counters, background);
        await(() -> counters.value(Counter.COUNTER_FOR_DOMAIN) == 1 && counters.value(Counter.COUNTER_FOR_PROCESS) == 1);
    }

    @Test
    public void eachChangeCountsOnceOnItsOwnCounter() {
        FakeCounterService counters = new FakeCounterService(0);
        CountersBridge bridge = new CountersBridge(counters, background);
        await(() -> counters.value(Counter.COUNTER_FOR_PROCESS) == 1);
        bridge.changed(Blocklist.DOMAIN);
        bridge.changed(Blocklist.DOMAIN);
        bridge.changed(Blocklist.PROCESS);
        await(() -> counters.value(Counter.COUNTER_FOR_DOMAIN) == 3);
        assertEquals(2, counters.value(Counter.COUNTER_FOR_PROCESS));
    }

    @Test
    public void aFailedCountIsRetriedUntilItLands() {
        // the two start bumps fail, then the change fails: all three land later
        FakeCounterService counters = new FakeCounterService(3);
        CountersBridge bridge = new CountersBridge(counters, background);
        bridge.changed(Blocklist.DOMAIN);
        await(() -> counters.value(Counter.COUNTER_FOR_DOMAIN) == 2 && counters.value(Counter.COUNTER_FOR_PROCESS) == 1);
        assertTrue(counters.failuresLeft() <= 0);
    }

    @Test
    public void listsMapToTheirCounters() {
        assertEquals(Counter.COUNTER_FOR_DOMAIN, CountersBridge.counter(Blocklist.DOMAIN));
        assertEquals(Counter.COUNTER_FOR_PROCESS, CountersBridge.counter(Blocklist.PROCESS));
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the counts", Duration.ofSeconds(30), condition);
    }

    @Test
    public void theOnDemandThreadRunsARetryScheduledBeyondItsKeepAlive() throws Exception {
        // keep-alive 20 ms, tasks 300 ms apart: the thread may end between them, a queued task is still run
        ScheduledExecutorService onDemand = CountersBridge.onDemandThread(20);
        try {
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(2);
            onDemand.schedule(ran::countDown, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            onDemand.schedule(ran::countDown, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertTrue("both tasks ran", ran.await(30, java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.CountDownLatch later = new java.util.concurrent.CountDownLatch(1);
            Thread.sleep(100);
            onDemand.schedule(later::countDown, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertTrue("a task after an idle spell ran", later.await(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            onDemand.shutdownNow();
        }
    }
}
