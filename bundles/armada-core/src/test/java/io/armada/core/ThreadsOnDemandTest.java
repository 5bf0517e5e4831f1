package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

import io.armada.core.testing.Await;

/** The runner's pool: a thread more only when all are busy, at most max, none left idle. */
public class ThreadsOnDemandTest {
    private ThreadPoolExecutor pool;

    @After
    public void end() {
        pool.shutdownNow();
    }

    @Test
    public void tasksOneAfterAnotherKeepOneThread() throws Exception {
        pool = Threads.onDemand(4, 30, Threads.daemon("test-runner"));
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 20; i++) {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> {
                names.add(Thread.currentThread().getName());
                done.countDown();
            });
            assertTrue(done.await(30, TimeUnit.SECONDS));
            // the task's thread is back waiting for work before the next one comes (as a move that ends)
            Await.until("the thread idle again", () -> pool.getActiveCount() == 0);
        }
        assertEquals(names.toString(), 1, names.size());
        assertEquals(1, pool.getPoolSize());
    }

    @Test
    public void busyThreadsGrowThePoolUpToMaxThenTasksWait() throws Exception {
        pool = Threads.onDemand(3, 30, Threads.daemon("test-runner"));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch all = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            pool.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                all.countDown();
            });
        }
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertEquals(3, pool.getPoolSize());
        assertEquals(2, pool.getQueue().size());
        release.countDown();
        assertTrue("the queued tasks ran too", all.await(30, TimeUnit.SECONDS));
        assertEquals(3, pool.getLargestPoolSize());
    }

    @Test
    public void idleThreadsEnd() throws Exception {
        pool = Threads.onDemand(2, 1, Threads.daemon("test-runner"));
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(done::countDown);
        assertTrue(done.await(30, TimeUnit.SECONDS));
        Await.until("no thread left", () -> pool.getPoolSize() == 0);
        CountDownLatch again = new CountDownLatch(1);
        pool.execute(again::countDown);
        assertTrue(again.await(30, TimeUnit.SECONDS));
    }
}
