package io.armada.tars.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.Test;

import io.armada.core.testing.Await;

/**
 * Batches that arrive while one is written are merged by key and written together in one call (the order forced with
 * latches, never timed).
 */
public class GroupWriterTest {
    record Row(String key, int n) {
    }

    @Test
    public void batchesQueuedDuringAWriteAreMergedIntoTheNextOne() throws Exception {
        List<Map<String, Integer>> writes = new CopyOnWriteArrayList<>();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        GroupWriter<String, Row> w = new GroupWriter<>(Row::key, (a, b) -> new Row(a.key(), a.n() + b.n()),
                (Collection<Row> rows) -> {
                    if (writes.isEmpty()) {
                        inFirst.countDown();
                        try {
                            releaseFirst.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    writes.add(rows.stream().collect(Collectors.toMap(Row::key, Row::n)));
                });
        Thread first = new Thread(() -> w.write(List.of(new Row("a", 1))));
        first.start();
        assertTrue(inFirst.await(30, TimeUnit.SECONDS));
        List<Thread> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> w.write(List.of(new Row("a", 10), new Row("b", 1))));
            later.add(t);
            t.start();
        }
        // all three are queued behind the first write (each waits for the lock)
        Await.until("three writers waiting", () -> later.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING));
        releaseFirst.countDown();
        first.join(30_000);
        for (Thread t : later) {
            t.join(30_000);
        }
        assertEquals(2, writes.size());
        assertEquals(Map.of("a", 1), writes.get(0));
        assertEquals(Map.of("a", 30, "b", 3), writes.get(1));
    }

    @Test
    public void aFailedWriteFailsItsCaller() {
        GroupWriter<String, Row> w = new GroupWriter<>(Row::key, (a, b) -> a, rows -> {
            throw new IllegalStateException("db down");
        });
        try {
            w.write(List.of(new Row("a", 1)));
        } catch (IllegalStateException e) {
            assertEquals("db down", e.getMessage());
            return;
        }
        throw new AssertionError("no failure");
    }
}
