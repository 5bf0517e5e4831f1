package io.armada.blocklists.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Threads;
import io.armada.counters.Counter;
import io.armada.counters.CounterService;

/**
 * The one class that uses the counters area. It exists only while a {@link CounterService} does (mandatory
 * reference), and the bundle imports the counters' package dynamically, so the block lists resolve, start and serve
 * without the counters bundle, and start counting when it is installed later.
 *
 * <p>When it starts (the block lists start, or the counters appear) it bumps both counters once: a change committed
 * while nothing counted (counters stopped or absent, or a JVM that died between a commit and its count) becomes
 * visible to clients that poll the counters. A count that fails is retried in the background, a bounded number of
 * times.
 */
@Component(service = ChangeCounter.class, immediate = true)
public class CountersBridge implements ChangeCounter {
    private static final Logger LOG = LoggerFactory.getLogger(CountersBridge.class);
    static final int ATTEMPTS = 30;
    static final long RETRY_SECONDS = 2;

    private final CounterService counters;
    private final ScheduledExecutorService background;

    @Activate
    public CountersBridge(@Reference CounterService counters) {
        this(counters, onDemandThread(10_000));
    }

    /**
     * The background thread exists only while a count waits (the start's bump, a retry): it ends {@code keepAliveMillis}
     * after the last one, so an idle server keeps no thread for this (SPEC §7 thread budget). A pool with no core thread keeps its
     * last thread while a task is queued, so a scheduled retry is never stranded.
     */
    static ScheduledExecutorService onDemandThread(long keepAliveMillis) {
        ScheduledThreadPoolExecutor pool =
                new ScheduledThreadPoolExecutor(0, Threads.daemon("armada-blocklists-counting"));
        pool.setKeepAliveTime(keepAliveMillis, TimeUnit.MILLISECONDS);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    CountersBridge(CounterService counters, ScheduledExecutorService background) {
        this.counters = counters;
        this.background = background;
        for (Blocklist list : Blocklist.values()) {
            submit(list, 1, 0);
        }
    }

    @Deactivate
    public void close() {
        background.shutdownNow();
    }

    @Override
    public void changed(Blocklist list) {
        try {
            counters.increment(counter(list));
        } catch (RuntimeException e) {
            LOG.warn("Could not count a change of the {} block list; retrying in the background", list, e);
            submit(list, 2, RETRY_SECONDS);
        }
    }

    static Counter counter(Blocklist list) {
        return switch (list) {
            case DOMAIN -> Counter.COUNTER_FOR_DOMAIN;
            case PROCESS -> Counter.COUNTER_FOR_PROCESS;
        };
    }

    private void submit(Blocklist list, int attempt, long delaySeconds) {
        try {
            background.schedule(() -> count(list, attempt), delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Not counting {}: the bridge is stopping (the next start bumps the counter)", list);
        }
    }

    private void count(Blocklist list, int attempt) {
        try {
            counters.increment(counter(list));
        } catch (RuntimeException e) {
            if (attempt < ATTEMPTS) {
                LOG.debug("Counting {} failed (attempt {}); retrying", list, attempt, e);
                submit(list, attempt + 1, RETRY_SECONDS);
            } else {
                LOG.error("Gave up counting a change of the {} block list after {} attempts; the next start of the "
                        + "block lists bumps it", list, attempt, e);
            }
        }
    }
}
