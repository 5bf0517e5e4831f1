package io.armada.files.internal;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.agents.AgentAnswer;
import io.armada.core.FleetClient;

/** A node's answer to FileHandler as the agent's answer: 0 with the node's data, -1 with why otherwise. */
public class AgentsBridgeTest {

    private static AgentAnswer answer(int status, String body) {
        return AgentsBridge.answer(new FleetClient.Answer(status, body.getBytes(StandardCharsets.UTF_8)), "Send file success");
    }

    @Test
    public void successCarriesTheNodesData() {
        AgentAnswer a = answer(200, "{\"code\":0,\"msg\":\"成功\",\"data\":{\"md5\":\"m\",\"size\":3,\"path\":\"/f/m\"}}");
        assertEquals(0, a.resultcode());
        assertEquals("Send file success", a.result());
        assertEquals(List.of(new AgentAnswer.Detail(0, 0, Map.of("md5", "m", "size", 3, "path", "/f/m"))), a.details());
    }

    @Test
    public void aRefusalOrABrokenAnswerIsMinusOne() {
        AgentAnswer refused = answer(200, "{\"code\":-1,\"msg\":\"md5 of the fetched bytes is x, not y; nothing kept\"}");
        assertEquals(-1, refused.resultcode());
        assertEquals("node refused with code -1: md5 of the fetched bytes is x, not y; nothing kept", refused.result());
        assertEquals(-1, answer(401, "{}").resultcode());
        assertEquals(-1, answer(200, "not json").resultcode());
        assertEquals(-1, answer(200, "[1]").resultcode());
    }
}
