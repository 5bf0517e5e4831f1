package io.armada.scheduler;

import java.util.List;

/**
 * What a job does and when, as validated (the original's schema plus {@code cron}).
 *
 * @param steps the steps, in order, at least one
 * @param start first fire, epoch seconds
 * @param times how many fires: 1 once, N, or {@code null} forever
 * @param interval seconds between fires when {@code cron} is {@code null}
 * @param cron a Quartz cron expression (seven or six fields; a five-field Unix one is converted), or {@code null}
 * @param retry extra attempts of a failed step, at least 0
 * @param revertall when a step fails, run the {@code revert} of the finished steps in reverse order
 * @param desc the job's description
 * @since 1.0
 */
public record JobSpec(List<Step> steps, long start, Integer times, int interval, String cron, int retry,
        boolean revertall, String desc) {
    public JobSpec {
        steps = List.copyOf(steps);
    }
}
