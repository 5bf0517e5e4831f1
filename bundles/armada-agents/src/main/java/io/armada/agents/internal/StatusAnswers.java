package io.armada.agents.internal;

import io.armada.agents.AgentAnswer;
import io.armada.agents.MonitorAnswers;
import io.armada.core.FleetClient;

/** Turns a node's answer to {@code POST /api/v1/monitor/resource} into the agent's answer of a status request. */
final class StatusAnswers {
    static final String PATH = "/api/v1/monitor/resource";
    static final String OK = "Get agent status success";

    private StatusAnswers() {
    }

    static AgentAnswer fromMonitor(FleetClient.Answer answer) {
        return MonitorAnswers.of(answer, OK);
    }
}
