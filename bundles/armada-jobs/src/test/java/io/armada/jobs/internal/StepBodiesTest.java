package io.armada.jobs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A step's body as a node gets it. */
public class StepBodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void variablesAndTheNodesIpAreSubstitutedEverywhereAndTheTimeoutStaysHome() throws Exception {
        JsonNode step = JSON.readTree("{\"handler\":\"ServerHandler\",\"command\":\"deploy\",\"timeout\":30,"
                + "\"data\":{\"app\":\"${app}\",\"server\":\"web-${ip}\",\"address\":\"http://h/${version}.tgz\","
                + "\"list\":[\"${n}\",\"${unknown}\"],\"k\":\"$${app}\"}}");
        Map<String, String> vars = StepBodies.variables(JSON.readTree("{\"app\":\"shop\",\"version\":\"1.2\",\"n\":3}"));
        JsonNode body = StepBodies.render(step, vars, "10.0.0.7");
        assertEquals("shop", body.at("/data/app").asText());
        assertEquals("web-10.0.0.7", body.at("/data/server").asText());
        assertEquals("http://h/1.2.tgz", body.at("/data/address").asText());
        assertEquals("3", body.at("/data/list/0").asText());
        assertEquals("${unknown}", body.at("/data/list/1").asText());
        assertEquals("$shop", body.at("/data/k").asText());
        assertFalse(body.has("timeout"));
        assertEquals(30, StepBodies.timeout(step, 600));
        assertEquals("${app}", step.at("/data/app").asText());
        assertEquals(600, StepBodies.timeout(JSON.readTree("{\"timeout\":0}"), 600));
        assertEquals(600, StepBodies.timeout(JSON.readTree("{\"timeout\":\"x\"}"), 600));
    }
}
