package io.armada.agents.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code io.armada.agents} (etc/io.armada.agents.cfg): online window, last-report flush, async defaults. */
@ObjectClassDefinition(name = "Armada agents",
        description = "Agents (seed 000): how long a node counts as online, how async requests are timed.")
public @interface AgentsConfiguration {
    String PID = "io.armada.agents";

    @AttributeDefinition(name = "Report interval (s)",
            description = "How often nodes report (the monitor's interval); an agent is online while its last"
                    + " report is younger than 'online intervals' of these.")
    int report_interval_seconds() default 20;

    @AttributeDefinition(name = "Online intervals", description = "Report intervals after which a silent node is offline.")
    int online_intervals() default 3;

    @AttributeDefinition(name = "Last report flush (s)",
            description = "How often the time of the last report of each node is written to the database.")
    int last_report_flush_seconds() default 30;

    @AttributeDefinition(name = "Online state sharing (s)",
            description = "Several servers on one database: how often each server writes the online state (last report,"
                    + " resource figures, service states) of the nodes that reported to it, and reads what the others"
                    + " wrote, so a node reporting to either is online on both. 0: never (one server alone).")
    int online_share_seconds() default 5;

    @AttributeDefinition(name = "Send timeout (s)",
            description = "Goperation's rpc_send_timeout: the default finishtime is now + timeout * (retry + 1) + 5.")
    int send_timeout_seconds() default 5;

    @AttributeDefinition(name = "Send retry", description = "Goperation's rpc_send_retry (see Send timeout).")
    int send_retry() default 1;

    @AttributeDefinition(name = "Longest async request (s)", description = "The furthest deadline a request may have.")
    int async_max_seconds() default 86400;

    @AttributeDefinition(name = "Calls in flight",
            description = "Most node calls of all async requests open at once; the rest wait for a free slot.")
    int fanout_max_in_flight() default 2048;

    @AttributeDefinition(name = "Status expire (s)",
            description = "Default 'expire' of the status route: answers are deleted this long after the deadline.")
    int status_expire_seconds() default 180;

    @AttributeDefinition(name = "Node scheme",
            description = "How the server calls its nodes: http, or https when the nodes serve HTTPS (README, HTTPS). "
                    + "Empty: the system property armada.nodes.scheme (bin/setenv's ARMADA_NODE_SCHEME), else http.")
    String node_scheme() default "";

    @AttributeDefinition(name = "Agents created by reports per minute",
            description = "Reports of node uuids not seen before may create at most this many agents a minute; "
                    + "more are refused (the node reports again next round). Bounds what invented uuids cost.")
    int report_creates_per_minute() default 12000;

    @AttributeDefinition(name = "Largest report metadata (bytes)",
            description = "A resource report larger than this is refused: its whole body is kept in memory as the "
                    + "agent's metadata while the node is online.")
    int report_max_bytes() default 65536;
}
