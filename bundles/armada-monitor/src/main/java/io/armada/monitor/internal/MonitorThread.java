package io.armada.monitor.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Threads;

/**
 * The monitor's one thread, {@code armada-monitor}, shared by the bundle's components (a service of this bundle
 * only: the package is not exported): the sampler ({@link MonitorNode}), the reports ({@link ReportingImpl}) and
 * the actions that run after their answer ({@link NodeControlImpl}). A task that throws costs a warning and keeps
 * its schedule. A component cancels its own schedules when it stops; the thread stops with the last of them.
 */
@Component(service = MonitorThread.class)
public class MonitorThread {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorThread.class);

    private final ScheduledThreadPoolExecutor executor;

    @Activate
    public MonitorThread() {
        executor = new ScheduledThreadPoolExecutor(1, Threads.daemon("armada-monitor"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Deactivate
    void stop() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("The monitor thread did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code action} on the monitor's thread as soon as it is free. */
    void execute(String what, Runnable action) {
        executor.execute(safely(what, action));
    }

    /** Runs {@code action} on the monitor's thread after {@code delayMillis}. */
    void later(Runnable action, long delayMillis) {
        executor.schedule(safely("Delayed action", action), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} every {@code periodMillis} (at a fixed rate), the first time after one period. */
    ScheduledFuture<?> every(String what, Runnable action, long periodMillis) {
        return executor.scheduleAtFixedRate(safely(what, action), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} with {@code delayMillis} between the end of one run and the start of the next. */
    ScheduledFuture<?> withDelay(String what, Runnable action, long delayMillis) {
        return executor.scheduleWithFixedDelay(safely(what, action), delayMillis, delayMillis, TimeUnit.MILLISECONDS);
    }

    private static Runnable safely(String what, Runnable action) {
        return () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", what, e.toString());
            }
        };
    }
}
