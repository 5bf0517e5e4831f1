package io.armada.counters.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.Threads;
import io.armada.counters.Counter;
import io.armada.counters.CounterService;
import io.armada.counters.internal.jpa.JpaCounterDao;
import io.armada.persistence.JpaStore;

/**
 * The counters, with group commit: concurrent increments are queued and one writer thread applies all that are
 * waiting (lingering up to 1 ms for more while the load is concurrent) as a single {@code value = value + n} per
 * counter, then hands each caller its own value. A counter row is
 * one hot lock; without combining, every increment would wait for the previous one's commit (a disk flush), which caps
 * a busy block list at a few hundred changes a second. Each caller still returns only after its increment is
 * committed, so "counted after the commit, before the answer" holds.
 */
@Component(service = CounterService.class)
public class CounterServiceImpl implements CounterService {
    private static final Logger LOG = LoggerFactory.getLogger(CounterServiceImpl.class);
    /** How long a caller waits for its increment to commit. */
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Most increments applied in one transaction. */
    private static final int MAX_BATCH = 10_000;
    /** How long the writer waits for more increments before it commits what it has. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Ticket STOP = new Ticket(null);

    private final CounterDao dao;
    private final BlockingQueue<Ticket> queue = new LinkedBlockingQueue<>();
    private final ExecutorService writer;
    /** Whether a writer loop runs; the loop ends after {@value #IDLE_SECONDS} s without an increment. */
    private final java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean();
    static final long IDLE_SECONDS = 10;
    private final long idleMillis;
    private volatile boolean closed;
    /** Transactions the writer ran, and increments they applied (their ratio is the mean batch size). */
    final java.util.concurrent.atomic.AtomicLong transactions = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();

    /** One waiting increment. */
    private static final class Ticket {
        final Counter counter;
        final CompletableFuture<Long> result = new CompletableFuture<>();

        Ticket(Counter counter) {
            this.counter = counter;
        }
    }

    @Activate
    public CounterServiceImpl(@Reference(target = "(osgi.unit.name=armada-counters)") JpaTemplate jpa) {
        this(new JpaCounterDao(new JpaStore(jpa)));
    }

    CounterServiceImpl(CounterDao dao) {
        this(dao, TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
    }

    /** For tests: a writer loop that ends after {@code idleMillis} without an increment. */
    CounterServiceImpl(CounterDao dao, long idleMillis) {
        this.dao = Objects.requireNonNull(dao, "dao");
        this.idleMillis = idleMillis;
        // the writer thread runs only while increments come (none while the server is idle: issue 17's thread count)
        this.writer = Threads.onDemand(1, 5, Threads.daemon("armada-counters-writer"));
    }

    /** Whether the writer loop runs (for tests). */
    boolean writing() {
        return writing.get();
    }

    /** Starts the writer loop unless it runs. */
    private void wake() {
        if (writing.compareAndSet(false, true)) {
            try {
                writer.execute(this::writeLoop);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                writing.set(false); // stopped: close() refuses what is left
            }
        }
    }

    /** Stops the writer after what is queued; callers still waiting are refused. */
    @Deactivate
    public void close() {
        closed = true;
        queue.add(STOP);
        wake();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The counters writer did not stop in 10 s; interrupting it");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
        List<Ticket> left = new ArrayList<>();
        queue.drainTo(left);
        for (Ticket t : left) {
            if (t != STOP) {
                t.result.completeExceptionally(stopping());
            }
        }
    }

    @Override
    public long increment(Counter counter) {
        Objects.requireNonNull(counter, "counter");
        if (closed) {
            throw stopping();
        }
        Ticket ticket = new Ticket(counter);
        queue.add(ticket);
        wake();
        if (closed && queue.remove(ticket)) {
            throw stopping();
        }
        try {
            return ticket.result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("counter increment failed", e.getCause());
        } catch (TimeoutException e) {
            // it may still be applied later: a counter that goes up once more than needed is harmless
            throw ApiException.unavailable("the counter database did not answer in " + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while counting");
        }
    }

    @Override
    public long value(Counter counter) {
        Objects.requireNonNull(counter, "counter");
        return dao.values().getOrDefault(counter.field(), 0L);
    }

    @Override
    public Map<Counter, Long> values() {
        Map<String, Long> stored = dao.values();
        Map<Counter, Long> values = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            values.put(c, stored.getOrDefault(c.field(), 0L));
        }
        return Collections.unmodifiableMap(values);
    }

    private void writeLoop() {
        List<Ticket> batch = new ArrayList<>();
        int lastBatch = 0;
        while (true) {
            try {
                Ticket first = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    writing.set(false);
                    // an increment queued just before the flag went down found the loop running: go on for it
                    if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                // under concurrent load (the last batch combined several), more increments are on their way: wait a
                // moment for them, so one commit covers more; a lone caller never waits
                long linger = lastBatch > 1 || batch.size() > 1 ? LINGER_NANOS : 0;
                long deadline = System.nanoTime() + linger;
                for (long left = linger; left > 0 && batch.size() < MAX_BATCH && !batch.contains(STOP);
                        left = deadline - System.nanoTime()) {
                    Ticket more = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (more == null) {
                        break;
                    }
                    batch.add(more);
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(t -> t.result.completeExceptionally(stopping()));
                writing.set(false);
                return;
            }
            boolean stop = batch.remove(STOP);
            lastBatch = batch.size();
            apply(batch);
            batch.clear();
            if (stop) {
                writing.set(false);
                return;
            }
        }
    }

    /** One transaction per counter for everything queued; each ticket gets a distinct value. */
    private void apply(List<Ticket> batch) {
        Map<Counter, List<Ticket>> byCounter = new EnumMap<>(Counter.class);
        for (Ticket t : batch) {
            byCounter.computeIfAbsent(t.counter, c -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<Counter, List<Ticket>> e : byCounter.entrySet()) {
            List<Ticket> tickets = e.getValue();
            try {
                long last = dao.add(e.getKey().field(), tickets.size());
                transactions.incrementAndGet();
                applied.addAndGet(tickets.size());
                long first = last - tickets.size() + 1;
                for (int i = 0; i < tickets.size(); i++) {
                    tickets.get(i).result.complete(first + i);
                }
            } catch (RuntimeException failure) {
                LOG.warn("Could not add {} to {}", tickets.size(), e.getKey().field(), failure);
                tickets.forEach(t -> t.result.completeExceptionally(failure));
            }
        }
    }

    private static ApiException stopping() {
        return ApiException.unavailable("the counters are stopping");
    }
}
