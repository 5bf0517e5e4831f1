package io.armada.tars.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code io.armada.tars}. */
@ObjectClassDefinition(name = "Armada tars", description = "Tars servers (seed 002)")
public @interface TarsConfiguration {

    @AttributeDefinition(description = "Days the service statistics (report_stat, report_property) are kept; older"
            + " 5-minute slots are deleted by a background sweep every hour. 0 keeps them for ever.", min = "0")
    int stat_retention_days() default StatRetention.DEFAULT_DAYS;
}
