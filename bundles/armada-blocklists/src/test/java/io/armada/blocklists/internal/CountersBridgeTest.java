package io.armada.blocklists.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Test;

import io.armada.counters.Counter;
import io.armada.counters.CounterService;

/** The bridge to the counters: a bump of both counters when it starts, one count per change, retries. */
public class CountersBridgeTest {
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();

    /** Counts in memory; the first {@code failures} increments throw. */
    static final class Counters implements CounterService {
        final Map<Counter, Long> values = new EnumMap<>(Counter.class);
        final AtomicInteger failures;

        Counters(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public synchronized long increment(Counter counter) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
            return values.merge(counter, 1L, Long::sum);
        }

        @Override
        public synchronized long value(Counter counter) {
            return values.getOrDefault(counter, 0L);
        }

        @Override
        public synchronized Map<Counter, Long> values() {
            Map<Counter, Long> all = new LinkedHashMap<>();
            for (Counter c : Counter.values()) {
                all.put(c, value(c));
            }
            return all;
        }
    }

    @After
    public void stop() {
        background.shutdownNow();
    }

    @Test
    public void startingBumpsEachCounterOnceSoNoUncountedChangeStaysHidden() {
        Counters counters = new Counters(0);
        new CountersBridge(counters, background);
        await(() -> counters.value(Counter.COUNTER_FOR_DOMAIN) == 1 && counters.value(Counter.COUNTER_FOR_PROCESS) == 1);
    }

    @Test
    public void eachChangeCountsOnceOnItsOwnCounter() {
        Counters counters = new Counters(0);
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
        Counters counters = new Counters(3);
        CountersBridge bridge = new CountersBridge(counters, background);
        bridge.changed(Blocklist.DOMAIN);
        await(() -> counters.value(Counter.COUNTER_FOR_DOMAIN) == 2 && counters.value(Counter.COUNTER_FOR_PROCESS) == 1);
        assertTrue(counters.failures.get() <= 0);
    }

    @Test
    public void listsMapToTheirCounters() {
        assertEquals(Counter.COUNTER_FOR_DOMAIN, CountersBridge.counter(Blocklist.DOMAIN));
        assertEquals(Counter.COUNTER_FOR_PROCESS, CountersBridge.counter(Blocklist.PROCESS));
    }

    private static void await(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
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
