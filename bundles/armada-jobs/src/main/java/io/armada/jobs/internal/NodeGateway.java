package io.armada.jobs.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * How a batch's step reaches its nodes: offered by {@link AgentsBridge} while the agents area runs (its optional
 * neighbour). A node is named by its IP; the agent whose node reports from that IP carries the call.
 */
public interface NodeGateway {

    /** One node's answer to a step. */
    record Answer(int code, String result, String output) {
    }

    /**
     * A step sent.
     *
     * @param requestId the async request carrying it, {@code null} when no node could be called
     * @param unreachable the nodes no live agent reports from, with why
     * @param finished completes when every called node answered or at the deadline
     * @param arrived each node's answer as it arrived, by node IP, filled before the agents area records it: when
     *        {@code finished} completes it holds every answer that came (the agents area may finish a request while
     *        the last answers are still on their way to its table, and show them as overtime)
     */
    record Sent(String requestId, Map<String, Answer> unreachable, CompletionStage<?> finished,
            Map<String, Answer> arrived) {
    }

    /**
     * What the nodes of a request answered so far, by node IP.
     *
     * @param finished the request ended (every node answered, or the deadline passed)
     * @param deadline epoch seconds
     */
    record Recorded(boolean finished, long deadline, Map<String, Answer> answers) {
    }

    /**
     * Sends a monitor {@code task} body to each node as one async request, never waiting for the nodes.
     *
     * @param body the body for a node's IP
     */
    Sent send(String action, List<String> nodes, Function<String, Object> body, int timeoutSeconds);

    /** @throws io.armada.core.ApiException NOT_FOUND when the request is unknown */
    Recorded answers(String requestId);

    /** Ends a request now: the nodes that did not answer get the overtime answer. Nothing when it has ended. */
    void finishNow(String requestId);
}
