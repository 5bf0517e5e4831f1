package io.armada.counters.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.Envelopes;
import io.armada.core.ErrorKind;
import io.armada.counters.Counter;
import io.armada.counters.testing.FakeCounterService;

/** The resource's own part: field checks and the shape of its answers. */
public class CounterResourceTest {

    private final FakeCounterService counters = new FakeCounterService();
    private final CounterResource resource = new CounterResource(counters);

    private static CounterUpdateRequest field(String f) {
        CounterUpdateRequest r = new CounterUpdateRequest();
        r.field = f;
        return r;
    }

    @Test
    public void updateIncrementsTheNamedCounterAndAnswersItsValue() {
        Envelopes.Egg a = resource.update(field("counter_for_process"));
        assertEquals(0, a.status());
        assertEquals(Map.of("counter_for_process", 1L), a.data());
        assertEquals(1L, counters.value(Counter.COUNTER_FOR_PROCESS));
        assertEquals(0L, counters.value(Counter.COUNTER_FOR_DOMAIN));
    }

    @Test
    public void listAnswersBothCountersInOrder() {
        resource.update(field("counter_for_domain"));
        Envelopes.Egg a = resource.list();
        assertEquals(0, a.status());
        @SuppressWarnings("unchecked")
        Map<String, Long> data = (Map<String, Long>) a.data();
        assertEquals(List.of("counter_for_domain", "counter_for_process"), List.copyOf(data.keySet()));
        assertEquals(Long.valueOf(1), data.get("counter_for_domain"));
        assertEquals(Long.valueOf(0), data.get("counter_for_process"));
    }

    @Test
    public void aMissingOrUnknownFieldIsRefusedAndCountsNothing() {
        for (CounterUpdateRequest bad : new CounterUpdateRequest[] {null, field(null), field(""), field("  "),
                field("counter_for_host"), field("COUNTER_FOR_DOMAIN")}) {
            try {
                resource.update(bad);
                fail("accepted " + (bad == null ? null : bad.field));
            } catch (ApiException e) {
                assertEquals(ErrorKind.BAD_REQUEST, e.kind());
            }
        }
        assertEquals(Map.of(Counter.COUNTER_FOR_DOMAIN, 0L, Counter.COUNTER_FOR_PROCESS, 0L), counters.values());
    }
}
