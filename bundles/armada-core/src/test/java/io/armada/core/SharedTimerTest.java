package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;

import io.armada.core.testing.Await;

/** One thread for every area's timers; a view cancels only its own tasks. */
public class SharedTimerTest {
    private final SharedTimer timer = new SharedTimer("test-timer");

    @After
    public void end() {
        timer.close();
    }

    @Test
    public void tasksOfSeveralViewsRunOnTheOneThread() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch ran = new CountDownLatch(4);
        SharedTimer.View a = timer.view();
        SharedTimer.View b = timer.view();
        Runnable note = () -> {
            threads.add(Thread.currentThread().getName());
            ran.countDown();
        };
        a.once("a once", note, 1, TimeUnit.MILLISECONDS);
        b.once("b once", note, 1, TimeUnit.MILLISECONDS);
        Timers.Scheduled ea = a.every("a every", note, 1, TimeUnit.MILLISECONDS);
        Timers.Scheduled eb = b.every("b every", note, 1, TimeUnit.MILLISECONDS);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        ea.cancel();
        eb.cancel();
        assertEquals(Set.of("test-timer"), threads);
    }

    @Test
    public void aRunThatThrowsDoesNotStopTheNext() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        Timers.Scheduled s = timer.every("a failing task", () -> {
            runs.incrementAndGet();
            third.countDown();
            throw new IllegalStateException("expected by the test");
        }, 1, TimeUnit.MILLISECONDS);
        assertTrue(third.await(10, TimeUnit.SECONDS));
        s.cancel();
        assertTrue(runs.get() >= 3);
    }

    @Test
    public void aCancelledOnceNeverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Timers.Scheduled s = timer.once("never", runs::incrementAndGet, 1, TimeUnit.HOURS);
        s.cancel();
        s.cancel(); // twice does nothing
        assertEquals("removed from the queue at once", 0, timer.waiting());
        CountDownLatch after = new CountDownLatch(1);
        timer.once("after", after::countDown, 1, TimeUnit.MILLISECONDS);
        assertTrue(after.await(10, TimeUnit.SECONDS));
        assertEquals(0, runs.get());
    }

    @Test
    public void closingAViewCancelsOnlyItsOwnTasks() throws Exception {
        SharedTimer.View stopped = timer.view();
        SharedTimer.View going = timer.view();
        AtomicInteger stoppedRuns = new AtomicInteger();
        stopped.every("stopped area", stoppedRuns::incrementAndGet, 1, TimeUnit.HOURS);
        stopped.once("stopped area's deadline", stoppedRuns::incrementAndGet, 1, TimeUnit.HOURS);
        assertEquals(2, stopped.scheduled());
        stopped.close();
        assertEquals(0, stopped.scheduled());
        assertEquals(0, timer.waiting());
        stopped.once("scheduled after the close", stoppedRuns::incrementAndGet, 1, TimeUnit.MILLISECONDS);

        CountDownLatch twice = new CountDownLatch(2);
        going.every("going area", twice::countDown, 1, TimeUnit.MILLISECONDS);
        assertTrue("the other area's timer goes on", twice.await(10, TimeUnit.SECONDS));
        assertEquals(0, stoppedRuns.get());
    }

    @Test
    public void aOnceTaskThatRanIsNotKept() throws Exception {
        SharedTimer.View view = timer.view();
        CountDownLatch ran = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            view.once("quick", ran::countDown, 0, TimeUnit.MILLISECONDS);
        }
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        Await.until("every run forgotten", () -> view.scheduled() == 0);
        assertFalse(view.scheduled() > 0);
    }
}
