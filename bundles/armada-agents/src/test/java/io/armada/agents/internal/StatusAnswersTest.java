package io.armada.agents.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.Test;

import io.armada.agents.AgentAnswer;
import io.armada.core.FleetClient;

public class StatusAnswersTest {

    private static AgentAnswer of(int status, String body) {
        return StatusAnswers.fromMonitor(new FleetClient.Answer(status, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void aMonitorSuccessBecomesDetailZero() {
        AgentAnswer a = of(200, "{\"code\":0,\"msg\":\"成功\",\"data\":{\"cpu\":{\"numbers\":2}}}");
        assertEquals(0, a.resultcode());
        assertEquals(StatusAnswers.OK, a.result());
        assertEquals(1, a.details().size());
        assertEquals(Map.of("cpu", Map.of("numbers", 2)), a.details().get(0).result());
    }

    @Test
    public void failuresAreAnswersWithMinusOne() {
        assertEquals(-1, of(401, "{}").resultcode());
        assertTrue(of(401, "{}").result().contains("HTTP 401"));
        assertEquals(-1, of(200, "not json").resultcode());
        AgentAnswer refused = of(200, "{\"code\":10001,\"msg\":\"登录失败\"}");
        assertEquals(-1, refused.resultcode());
        assertTrue(refused.result().contains("10001"));
    }
}
