package io.armada.agents.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Threads;

/**
 * The agents area's one timer thread: async request deadlines, the answer purge and the last-report flush. Each task
 * is short or hands its work to a writer; a user cancels its own futures when it stops, and the thread ends with
 * this component (which DS stops after its users).
 */
@Component(service = AgentsTimer.class)
public class AgentsTimer {
    private static final Logger LOG = LoggerFactory.getLogger(AgentsTimer.class);

    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("armada-agents-timer"));

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return executor.schedule(task, delay, unit);
    }

    /** Runs the task with this delay between runs; a run that fails is logged and the next one still runs. */
    ScheduledFuture<?> every(String what, Runnable task, long delay, TimeUnit unit) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", what, e.toString(), e);
            }
        }, delay, delay, unit);
    }

    @Deactivate
    public void stop() {
        executor.shutdownNow();
    }
}
