package io.armada.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code io.armada.fleetclient}. */
@ObjectClassDefinition(name = "Armada fleet HTTP client",
        description = "HTTP between fleet members: node reports, server calls to nodes.")
public @interface FleetClientConfiguration {

    @AttributeDefinition(name = "Threads",
            description = "Threads that complete answers; requests in flight need none. 0: the JVM's common pool "
                    + "(bin/setenv gives it 2 workers on 1-2 CPUs), where the JDK client completes answers anyway.")
    int threads() default 0;

    @AttributeDefinition(name = "Connect timeout (ms)")
    int connect_timeout_ms() default 5000;
}
