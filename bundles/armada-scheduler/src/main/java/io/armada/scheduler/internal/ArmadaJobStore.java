package io.armada.scheduler.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.quartz.JobPersistenceException;
import org.quartz.SchedulerConfigException;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.spi.TriggerFiredResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's {@link JobStoreTX}, knowing which triggers its scheduler thread holds, and shut down only once that
 * thread has ended (a bounded wait).
 *
 * <p>Quartz's scheduler thread acquires the triggers due within its look-ahead and waits for their fire time. At
 * {@code Scheduler.shutdown(false)} it is halted and interrupted, and the job store is shut down without waiting for
 * it: a thread that held a trigger then released it on an interrupted connection (embedded Derby closes it), on a
 * job store already shut down, or on a data source already gone, and Quartz logged an ERROR at every stop with a job
 * due soon, or that was acquiring at that moment. {@link QuartzEngine#close()} therefore puts the scheduler in
 * standby first, which makes the thread release what it holds and pause, and waits until {@link #holds()} is false;
 * the shutdown below then waits for the thread.
 * Neither waits for running fires, as {@code shutdown(true)} would.
 */
public class ArmadaJobStore extends JobStoreTX {
    private static final Logger LOG = LoggerFactory.getLogger(ArmadaJobStore.class);
    /** How long the shutdown waits for the scheduler thread. */
    static final long SCHEDULER_THREAD_WAIT_MS = 5_000;
    private static final Map<String, ArmadaJobStore> BY_SCHEDULER = new ConcurrentHashMap<>();

    private final Set<TriggerKey> held = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busy = new AtomicInteger();

    /** The store of the running scheduler named {@code instanceName}, or {@code null}. */
    static ArmadaJobStore of(String instanceName) {
        return BY_SCHEDULER.get(instanceName);
    }

    /**
     * Whether the scheduler thread holds triggers it acquired and has neither fired nor released, or is acquiring,
     * releasing or firing right now (embedded Derby closes a connection whose thread is interrupted mid-statement).
     */
    boolean holds() {
        return !held.isEmpty() || busy.get() > 0;
    }

    @Override
    public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
        super.initialize(loadHelper, signaler);
        BY_SCHEDULER.put(getInstanceName(), this);
    }

    @Override
    public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow)
            throws JobPersistenceException {
        busy.incrementAndGet();
        try {
            List<OperableTrigger> acquired = super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
            acquired.forEach(t -> held.add(t.getKey()));
            return acquired;
        } finally {
            busy.decrementAndGet();
        }
    }

    @Override
    public void releaseAcquiredTrigger(OperableTrigger trigger) {
        busy.incrementAndGet();
        try {
            super.releaseAcquiredTrigger(trigger);
            held.remove(trigger.getKey());
        } finally {
            busy.decrementAndGet();
        }
    }

    @Override
    public List<TriggerFiredResult> triggersFired(List<OperableTrigger> triggers) throws JobPersistenceException {
        busy.incrementAndGet();
        try {
            return super.triggersFired(triggers);
        } finally {
            triggers.forEach(t -> held.remove(t.getKey()));
            busy.decrementAndGet();
        }
    }

    @Override
    public void shutdown() {
        String name = QuartzEngine.schedulerThreadName(getInstanceName());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (name.equals(t.getName()) && t != Thread.currentThread()) {
                try {
                    t.join(SCHEDULER_THREAD_WAIT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (t.isAlive()) {
                    LOG.warn("Quartz's scheduler thread still runs {} ms after the halt", SCHEDULER_THREAD_WAIT_MS);
                }
            }
        }
        BY_SCHEDULER.remove(getInstanceName(), this);
        super.shutdown();
    }
}
