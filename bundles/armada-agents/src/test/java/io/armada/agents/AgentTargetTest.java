package io.armada.agents;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** Node URLs built with URI's constructor (review M2), over the configured scheme (review H2). */
public class AgentTargetTest {

    @Test
    public void theBaseUrlIsSchemeAddressAndPortOnly() {
        assertEquals("http://10.0.0.5:50002", new AgentTarget(1, "h", "10.0.0.5", 50002).baseUrl());
        assertEquals("https://10.0.0.5:50003", new AgentTarget(1, "h", "10.0.0.5", 50003, "https").baseUrl());
        assertEquals("http://[2001:db8::17]:50002", new AgentTarget(1, "h", "2001:db8::17", 50002).baseUrl());
        assertEquals("https://[::1]:50002", new AgentTarget(1, "h", "::1", 50002).baseUrl("https"));
    }

    @Test
    public void anotherSchemeOrAnAddressThatIsNotAHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AgentTarget(1, "h", "10.0.0.5", 1, "ftp").baseUrl());
        assertThrows(IllegalArgumentException.class, () -> new AgentTarget(1, "h", "10.0.0.7:2375/x?", 1).baseUrl());
        assertThrows(IllegalStateException.class, () -> new AgentTarget(1, "h", null, null).baseUrl());
    }
}
