package io.armada.counters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.junit.Test;

public class CounterTest {

    @Test
    public void wireNamesAreTheOriginalsColumnNames() {
        assertEquals("counter_for_domain", Counter.COUNTER_FOR_DOMAIN.field());
        assertEquals("counter_for_process", Counter.COUNTER_FOR_PROCESS.field());
    }

    @Test
    public void onlyExactNamesAreKnown() {
        assertEquals(Optional.of(Counter.COUNTER_FOR_DOMAIN), Counter.ofField("counter_for_domain"));
        assertEquals(Optional.of(Counter.COUNTER_FOR_PROCESS), Counter.ofField("counter_for_process"));
        for (String bad : new String[] {null, "", "COUNTER_FOR_DOMAIN", " counter_for_domain", "counter_for_host"}) {
            assertTrue(String.valueOf(bad), Counter.ofField(bad).isEmpty());
        }
    }
}
