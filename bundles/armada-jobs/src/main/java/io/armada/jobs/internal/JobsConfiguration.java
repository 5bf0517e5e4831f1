package io.armada.jobs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code io.armada.jobs}. */
@ObjectClassDefinition(name = "Armada jobs", description = "Batched rollouts over node groups (seed 001, JOBX)")
public @interface JobsConfiguration {

    @AttributeDefinition(description = "Seconds a node has to answer one step, unless the step gives its own "
            + "timeout (1..86400)")
    int step_timeout_seconds() default 600;

    @AttributeDefinition(description = "Tasks not ended (init or running) at most; past it a new task is refused "
            + "(try again later)")
    int max_unfinished_tasks() default 1000;

    @AttributeDefinition(description = "Threads that move tasks on (created when needed, gone when idle); nodes are "
            + "never waited for on them")
    int runner_threads() default 4;

    @AttributeDefinition(description = "This server's name in the tasks' slave column; a restarted server resumes "
            + "the tasks of its name; with several servers on one database, each needs its own. Empty: the system property "
            + "armada.server.name, else the host name and HTTP port (host:8181)")
    String slave() default "";
}
