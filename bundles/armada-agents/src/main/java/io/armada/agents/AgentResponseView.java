package io.armada.agents;

import java.util.List;

/**
 * One recorded answer of an async request.
 *
 * @param agentId the agent
 * @param serverTime epoch seconds when the server recorded it
 * @param agentTime epoch seconds the agent gave (the server's clock for answers it collected itself)
 * @param resultcode -127..127; -124 is the synthetic "Agent respone overtime"
 * @param result the message
 * @param details detail rows (empty unless asked for)
 * @since 1.0
 */
public record AgentResponseView(long agentId, long serverTime, long agentTime, int resultcode, String result,
        List<AgentAnswer.Detail> details) {
}
