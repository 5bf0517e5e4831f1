package io.armada.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code io.armada.scheduler}. */
@ObjectClassDefinition(name = "Armada scheduler", description = "Scheduled jobs on Quartz (seed 000)")
public @interface SchedulerConfiguration {

    @AttributeDefinition(description = "A job's start must be at least this many seconds ahead (the original's 300)")
    long min_lead_seconds() default 300;

    @AttributeDefinition(description = "Runs kept per job (older ones are deleted)")
    int runs_kept() default 20;

    @AttributeDefinition(description = "Quartz worker threads: fires running at once on this server")
    int threads() default 10;

    @AttributeDefinition(description = "Timeout of one http step's call (seconds)")
    int http_timeout_seconds() default 30;

    @AttributeDefinition(description = "Quartz cluster check-in interval (milliseconds)")
    long cluster_checkin_ms() default 15_000;

    @AttributeDefinition(description = "A fire later than this is a misfire: it runs once at once and the plan goes on "
            + "(milliseconds)")
    long misfire_threshold_ms() default 60_000;
}
