package io.armada.scheduler.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The one Quartz job class: a fire of job {@code N} (its key's name) runs our job {@code N}'s steps through
 * {@link Fires}. Instances come from {@link QuartzEngine}'s job factory, never from Quartz's reflection. One fire of
 * a job at a time, across servers.
 */
@DisallowConcurrentExecution
public final class ArmadaJob implements Job {

    /** What runs a fire. */
    @FunctionalInterface
    interface Fires {
        void fire(long jobId, long scheduledMillis, boolean manual, Long nextFireMillis);
    }

    static final String MANUAL = "armada.manual";

    private final Fires fires;

    ArmadaJob(Fires fires) {
        this.fires = fires;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long jobId = Long.parseLong(context.getJobDetail().getKey().getName());
        boolean manual = context.getTrigger().getJobDataMap().containsKey(MANUAL);
        long scheduled = context.getScheduledFireTime() == null ? 0 : context.getScheduledFireTime().getTime();
        Long next = context.getNextFireTime() == null ? null : context.getNextFireTime().getTime();
        fires.fire(jobId, manual ? 0 : scheduled, manual, next);
    }
}
