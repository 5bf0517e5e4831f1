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

    @AttributeDefinition(name = "Transport",
            description = "async: the JDK's non-blocking HttpClient (many calls in flight: the server's fan-out); "
                    + "blocking: HttpURLConnection on one on-demand thread (a node's few reports, a smaller JVM); "
                    + "auto: blocking in the node role, async otherwise.",
            options = {
                @org.osgi.service.metatype.annotations.Option(value = "auto"),
                @org.osgi.service.metatype.annotations.Option(value = "async"),
                @org.osgi.service.metatype.annotations.Option(value = "blocking")})
    String transport() default "auto";

    @AttributeDefinition(name = "Connect timeout (ms)")
    int connect_timeout_ms() default 5000;

    @AttributeDefinition(name = "Trusted CA certificates (PEM file)",
            description = "https calls trust only the certificates in this PEM file (a CA, or the peers' own "
                    + "certificates). Empty: the system property armada.tls.ca (bin/setenv's ARMADA_TLS_CA), else the "
                    + "JVM's default trust store.")
    String trust_ca() default "";
}
