package io.armada.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.After;
import org.junit.Test;

import io.armada.core.testing.Await;

/** Quartz's worker pool with threads on demand: none idle, at most threadCount fires at once, each fire runs. */
public class OnDemandThreadPoolTest {
    private final OnDemandThreadPool pool = new OnDemandThreadPool();

    @After
    public void end() {
        pool.shutdown(false);
    }

    private void start(int threads, long idleSeconds) throws Exception {
        pool.setThreadCount(threads);
        pool.setThreadNamePrefix("test-scheduler");
        pool.setIdleSeconds(idleSeconds);
        pool.initialize();
    }

    @Test
    public void noWorkerBeforeTheFirstFireAndAllSlotsFree() throws Exception {
        start(3, 30);
        assertEquals(0, pool.workersAlive());
        assertEquals(3, pool.getPoolSize());
        assertEquals(3, pool.blockForAvailableThreads());
    }

    @Test
    public void runsEachFireOnANamedWorkerAndAtMostThreadCountAtOnce() throws Exception {
        start(2, 30);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        List<String> names = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            assertTrue(pool.runInThread(() -> {
                names.add(Thread.currentThread().getName());
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        assertTrue(running.await(30, TimeUnit.SECONDS));
        assertEquals(2, pool.workersAlive());
        // both slots are held: a third fire waits until one ends
        CountDownLatch third = new CountDownLatch(1);
        AtomicBoolean handed = new AtomicBoolean();
        Thread caller = new Thread(() -> handed.set(pool.runInThread(third::countDown)));
        caller.start();
        assertFalse(third.await(300, TimeUnit.MILLISECONDS));
        release.countDown();
        assertTrue(third.await(30, TimeUnit.SECONDS));
        caller.join(30_000);
        assertTrue(handed.get());
        assertEquals(2, names.size());
        assertTrue(names.toString(), names.stream().allMatch(n -> n.startsWith("test-scheduler")));
        Await.until("both slots free again", () -> pool.freeSlots() == 2);
    }

    @Test
    public void workersEndWhenIdle() throws Exception {
        start(4, 1);
        CountDownLatch ran = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(pool.runInThread(ran::countDown));
        }
        assertTrue(ran.await(30, TimeUnit.SECONDS));
        Await.until("no idle worker left", () -> pool.workersAlive() == 0);
        // and a later fire starts one again
        CountDownLatch again = new CountDownLatch(1);
        assertTrue(pool.runInThread(again::countDown));
        assertTrue(again.await(30, TimeUnit.SECONDS));
    }

    @Test
    public void aFailingFireGivesItsSlotBack() throws Exception {
        start(1, 30);
        assertTrue(pool.runInThread(() -> {
            throw new IllegalStateException("boom");
        }));
        Await.until("the slot is free", () -> pool.freeSlots() == 1);
        CountDownLatch next = new CountDownLatch(1);
        assertTrue(pool.runInThread(next::countDown));
        assertTrue(next.await(30, TimeUnit.SECONDS));
    }

    @Test
    public void takesNoFireOnceShutDown() throws Exception {
        start(2, 30);
        pool.shutdown(true);
        assertFalse(pool.runInThread(() -> { }));
        assertEquals(0, pool.blockForAvailableThreads());
    }
}
