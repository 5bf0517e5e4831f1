package io.armada.agents;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What an async request does on each agent: usually one non-blocking HTTP call to the node (through
 * {@link io.armada.core.FleetClient}) mapped to an answer. It must not block the calling thread.
 *
 * @since 1.0
 */
@ConsumerType
@FunctionalInterface
public interface AgentTask {

    /**
     * Starts the work on one agent.
     *
     * @param target the agent's node; {@link AgentTarget#reachable()} is true
     * @param timeout time left until the request's deadline: use it as the call's timeout
     * @return completes with the agent's answer, or exceptionally when the node did not answer (the agent then gets
     *         the synthetic overtime answer at the deadline)
     * @since 1.0
     */
    CompletionStage<AgentAnswer> call(AgentTarget target, Duration timeout);
}
