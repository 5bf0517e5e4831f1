package io.armada.counters.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.counters.Counter;
import io.armada.counters.internal.jpa.JpaCounterDao;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.persistence.testing.Together;

/** The service on a real Derby database: combined increments, every caller counted once, each its own value. */
public class CounterServiceImplTest {
    private DerbyJpa jpa;
    private CounterServiceImpl service;

    @Before
    public void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "counters-service");
        jpa = DerbyJpa.open("armada-counters", dir);
        service = new CounterServiceImpl(new JpaCounterDao(new JpaStore(jpa)));
    }

    @After
    public void close() {
        service.close();
        jpa.close();
    }

    @Test
    public void countersStartAtZeroAndGoUpByOne() {
        assertEquals(Map.of(Counter.COUNTER_FOR_DOMAIN, 0L, Counter.COUNTER_FOR_PROCESS, 0L), service.values());
        assertEquals(List.of(Counter.COUNTER_FOR_DOMAIN, Counter.COUNTER_FOR_PROCESS),
                new ArrayList<>(service.values().keySet()));
        assertEquals(1, service.increment(Counter.COUNTER_FOR_DOMAIN));
        assertEquals(2, service.increment(Counter.COUNTER_FOR_DOMAIN));
        assertEquals(1, service.increment(Counter.COUNTER_FOR_PROCESS));
        assertEquals(2, service.value(Counter.COUNTER_FOR_DOMAIN));
        assertEquals(1, service.value(Counter.COUNTER_FOR_PROCESS));
    }

    @Test
    public void twentyConcurrentClientsLoseNothingAndEachGetsItsOwnValue() throws Exception {
        int clients = 20;
        int each = 50;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        Together.run(clients, c -> {
            for (int i = 0; i < each; i++) {
                assertTrue(seen.add(service.increment(Counter.COUNTER_FOR_DOMAIN)));
                service.increment(Counter.COUNTER_FOR_PROCESS);
            }
            return null;
        });
        long total = (long) clients * each;
        assertEquals(total, service.value(Counter.COUNTER_FOR_DOMAIN));
        assertEquals(total, service.value(Counter.COUNTER_FOR_PROCESS));
        assertEquals(total, seen.size());
        assertEquals(Long.valueOf(1), seen.stream().min(Long::compare).orElseThrow());
        assertEquals(Long.valueOf(total), seen.stream().max(Long::compare).orElseThrow());
    }

    @Test
    public void theWriterStopsWhenIdleAndTheNextIncrementStartsItAgain() throws Exception {
        service.close();
        service = new CounterServiceImpl(new JpaCounterDao(new JpaStore(jpa)), 1);
        assertTrue("no writer before the first increment", !service.writing());
        assertEquals(1, service.increment(Counter.COUNTER_FOR_DOMAIN));
        io.armada.core.testing.Await.until("the idle writer stopped", () -> !service.writing());
        assertEquals(2, service.increment(Counter.COUNTER_FOR_DOMAIN));
        // increments racing the writer's idle stop (1 ms): none is left waiting, each gets its own value
        int clients = 8;
        int each = 100;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        Together.run(clients, c -> {
            for (int i = 0; i < each; i++) {
                assertTrue(seen.add(service.increment(Counter.COUNTER_FOR_PROCESS)));
                if (i % 10 == 0) {
                    Thread.sleep(2); // let the writer go idle now and then
                }
            }
            return null;
        });
        assertEquals((long) clients * each, seen.size());
        assertEquals((long) clients * each, service.value(Counter.COUNTER_FOR_PROCESS));
    }

    @Test
    public void incrementsQueuedDuringACommitShareTheNextOne() throws Exception {
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        CounterDao slowFirst = new CounterDao() {
            long value;
            boolean first = true;

            @Override
            public long add(String name, long n) {
                if (first) {
                    first = false;
                    firstCommitStarted.countDown();
                    try {
                        releaseFirstCommit.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                synchronized (this) {
                    value += n;
                    return value;
                }
            }

            @Override
            public synchronized Map<String, Long> values() {
                return Map.of(Counter.COUNTER_FOR_DOMAIN.field(), value);
            }
        };
        CounterServiceImpl s = new CounterServiceImpl(slowFirst);
        int waiting = 10;
        ExecutorService pool = Executors.newFixedThreadPool(waiting + 1);
        try {
            Future<Long> first = pool.submit(() -> s.increment(Counter.COUNTER_FOR_DOMAIN));
            assertTrue(firstCommitStarted.await(60, TimeUnit.SECONDS));
            List<Thread> callers = new ArrayList<>();
            List<Future<Long>> rest = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(waiting);
            for (int i = 0; i < waiting; i++) {
                rest.add(pool.submit(() -> {
                    synchronized (callers) {
                        callers.add(Thread.currentThread());
                    }
                    started.countDown();
                    return s.increment(Counter.COUNTER_FOR_DOMAIN);
                }));
            }
            assertTrue(started.await(60, TimeUnit.SECONDS));
            // every caller is parked on its increment while the first commit still runs
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (callers.stream().anyMatch(t -> t.getState() != Thread.State.TIMED_WAITING)) {
                assertTrue("callers did not queue up", System.nanoTime() < deadline);
                Thread.sleep(10);
            }
            releaseFirstCommit.countDown();
            assertEquals(Long.valueOf(1), first.get(60, TimeUnit.SECONDS));
            Set<Long> values = new java.util.TreeSet<>();
            for (Future<Long> f : rest) {
                values.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(Set.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), values);
            assertEquals("the ten waiting increments took one commit", 2, s.transactions.get());
            assertEquals(11, s.applied.get());
        } finally {
            releaseFirstCommit.countDown();
            pool.shutdownNow();
            s.close();
        }
    }

    @Test
    public void aStoppedServiceRefusesAsUnavailable() {
        service.close();
        try {
            service.increment(Counter.COUNTER_FOR_DOMAIN);
            fail("counted after close");
        } catch (ApiException e) {
            assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        }
    }

    @Test
    public void aDatabaseFailureReachesTheCallerAndTheNextIncrementWorks() {
        IllegalStateException boom = new IllegalStateException("database down");
        int[] calls = {0};
        CounterDao flaky = new CounterDao() {
            long value;

            @Override
            public synchronized long add(String name, long n) {
                if (calls[0]++ == 0) {
                    throw boom;
                }
                value += n;
                return value;
            }

            @Override
            public synchronized Map<String, Long> values() {
                return Map.of(Counter.COUNTER_FOR_DOMAIN.field(), value);
            }
        };
        CounterServiceImpl s = new CounterServiceImpl(flaky);
        try {
            try {
                s.increment(Counter.COUNTER_FOR_DOMAIN);
                fail("the failure was swallowed");
            } catch (IllegalStateException e) {
                assertSame(boom, e);
            }
            assertEquals(1, s.increment(Counter.COUNTER_FOR_DOMAIN));
        } finally {
            s.close();
        }
    }
}
