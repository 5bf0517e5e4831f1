package io.armada.tars.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.agents.AgentAnswer;
import io.armada.agents.AgentResponseView;
import io.armada.agents.AsyncRequestView;
import io.armada.core.FleetClient;

/** A node's monitor answer as a tars reply: a refusal keeps what the script printed. */
public class ServerHandlerBridgeTest {
    private static FleetClient.Answer http(int status, String body) {
        return new FleetClient.Answer(status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static NodeCalls.Reply reply(AgentAnswer a) {
        AsyncRequestView v = new AsyncRequestView("r", "tars_restart", 0, 0, 0, 1, 0, 0, "", List.of(7L),
                List.of(new AgentResponseView(7, 0, 0, a.resultcode(), a.result(), a.details())));
        return ServerHandlerBridge.reply(v, 7);
    }

    @Test
    public void aRefusedScriptKeepsItsOutput() {
        NodeCalls.Reply r = reply(ServerHandlerBridge.answer(http(200, "{\"code\":40705,\"msg\":\"start.sh exited 3\","
                + "\"data\":{\"app\":\"demo\",\"state\":\"inactive\",\"exit\":3,\"output\":\"no config\"}}")));
        assertFalse(r.ok());
        assertTrue(r.message(), r.message().contains("40705") && r.message().contains("start.sh exited 3"));
        assertEquals("no config", r.output());
        assertEquals("inactive", r.state());
    }

    @Test
    public void successAndOtherFailuresAsMonitorAnswersSaysThem() {
        NodeCalls.Reply ok = reply(ServerHandlerBridge.answer(http(200, "{\"code\":0,\"msg\":\"ok\",\"data\":"
                + "{\"state\":\"active\",\"pids\":[5],\"output\":\"started\"}}")));
        assertTrue(ok.ok());
        assertEquals("started", ok.output());
        assertEquals(5L, ItemCommands.firstPid(ok).longValue());
        NodeCalls.Reply down = reply(ServerHandlerBridge.answer(http(502, "bad gateway")));
        assertFalse(down.ok());
        assertTrue(down.message(), down.message().contains("HTTP 502"));
        assertEquals("", down.output());
        NodeCalls.Reply none = ServerHandlerBridge.reply(new AsyncRequestView("r", "tars_stop", 0, 0, 0, 1, 0, 0, "",
                List.of(7L), List.of()), 7);
        assertFalse(none.ok());
        assertTrue(none.message(), none.message().contains("did not answer"));
        assertEquals(Map.of(), none.data());
    }
}
