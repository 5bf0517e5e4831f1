package io.armada.jobs.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.armada.agents.AgentInfo;

/** Which agent carries the calls of a node's IP when several live agents have it. */
public class AgentsBridgeTest {

    private static AgentInfo agent(long id, boolean online, Long lastReport) {
        return new AgentInfo(id, "h" + id, "node", 0, 1, 1, 1, List.of(), List.of(), 0, "uuid-" + id, "10.0.0.1",
                50002, online, lastReport);
    }

    @Test
    public void theOnlineAgentThenTheLastReportThenTheNewerAgent() {
        assertTrue(AgentsBridge.better(agent(1, true, 10L), agent(2, false, 20L)));
        assertTrue(AgentsBridge.better(agent(1, false, 20L), agent(2, false, 10L)));
        assertFalse(AgentsBridge.better(agent(1, false, 10L), agent(2, false, 20L)));
        // right after a start: nobody online, last reports alike or unknown: the newer agent (the node as it is now)
        assertTrue(AgentsBridge.better(agent(2, false, null), agent(1, false, null)));
        assertFalse(AgentsBridge.better(agent(1, false, null), agent(2, false, null)));
        assertFalse(AgentsBridge.better(agent(1, false, 30L), agent(2, false, 30L)));
        // the newer agent's last report lost in a kill -9, the older one's known: still the newer
        assertFalse(AgentsBridge.better(agent(1, false, 30L), agent(2, false, null)));
        assertTrue(AgentsBridge.better(agent(2, false, null), agent(1, false, 30L)));
    }
}
