package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class FormatSuffixFilterTest {
    @Test
    public void cutsJsonUnderV10Only() {
        assertEquals("/v1.0/agents", FormatSuffixFilter.strip("/v1.0/agents.json"));
        assertEquals("/v1.0/agents/3/status", FormatSuffixFilter.strip("/v1.0/agents/3/status.json"));
        assertNull(FormatSuffixFilter.strip("/v1.0/agents"));
        assertNull(FormatSuffixFilter.strip("/v1.0/caches/host/web1.example.com/online"));
        assertNull(FormatSuffixFilter.strip("/egg/domain/list.json"));
        assertNull(FormatSuffixFilter.strip("/v1.0/.json"));
        assertNull(FormatSuffixFilter.strip("/v1.0/agents/.json"));
    }
}
