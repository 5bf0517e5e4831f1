package io.armada.scheduler.internal;

import java.util.Date;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import io.armada.scheduler.JobSpec;

/**
 * A job's Quartz side: one durable job detail ({@link ArmadaJob}, keyed by our job id) and one trigger built from
 * {@code start}, {@code times} and {@code interval} or {@code cron}. A fire missed while no server ran (or while the
 * job was stopped) runs once when it is noticed, then the plan goes on.
 */
final class Triggers {
    static final String GROUP = "armada";

    private Triggers() {
    }

    static JobKey jobKey(long jobId) {
        return JobKey.jobKey(Long.toString(jobId), GROUP);
    }

    static TriggerKey triggerKey(long jobId) {
        return TriggerKey.triggerKey(Long.toString(jobId), GROUP);
    }

    static JobDetail detail(long jobId) {
        return JobBuilder.newJob(ArmadaJob.class).withIdentity(jobKey(jobId)).storeDurably().build();
    }

    /**
     * The trigger of a job.
     *
     * <ul>
     * <li>{@code times} 1: one fire at {@code start};</li>
     * <li>{@code times} N with {@code interval}: N fires, {@code interval} seconds apart;</li>
     * <li>{@code times} null with {@code interval}: every {@code interval} seconds, forever;</li>
     * <li>{@code cron}: at the cron's times from {@code start} on (a count of {@code times} is kept by the job, which
     * removes the trigger after the last).</li>
     * </ul>
     */
    static Trigger trigger(long jobId, JobSpec spec) {
        TriggerBuilder<Trigger> b = TriggerBuilder.newTrigger().withIdentity(triggerKey(jobId)).forJob(jobKey(jobId))
                .startAt(new Date(spec.start() * 1000L));
        if (spec.cron() != null) {
            return b.withSchedule(CronScheduleBuilder.cronSchedule(spec.cron())
                    .withMisfireHandlingInstructionFireAndProceed()).build();
        }
        SimpleScheduleBuilder s = SimpleScheduleBuilder.simpleSchedule();
        if (spec.times() == null) {
            s = s.withIntervalInSeconds(spec.interval()).repeatForever();
        } else if (spec.times() > 1) {
            s = s.withIntervalInSeconds(spec.interval()).withRepeatCount(spec.times() - 1);
        }
        // fire now once for what was missed, the remaining count after that (missed fires are not made up one by one)
        s = spec.times() != null && spec.times() == 1 ? s.withMisfireHandlingInstructionFireNow()
                : s.withMisfireHandlingInstructionNowWithRemainingCount();
        return b.withSchedule(s).build();
    }
}
