package io.armada.ports.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

public class PortAllocatorTest {
    private final PortRanges ranges = PortRanges.parse(List.of("30000-30010"));

    @Test
    public void nullsBecomeDistinctFreePortsInRequestOrder() {
        Set<Integer> taken = Set.of(30001, 30002);
        List<Integer> out = PortAllocator.choose(1, ranges, taken, Arrays.asList(null, 30005, null), new Random(7));
        assertEquals(3, out.size());
        assertEquals(Integer.valueOf(30005), out.get(1));
        Set<Integer> distinct = new HashSet<>(out);
        assertEquals(3, distinct.size());
        for (Integer p : out) {
            assertTrue(ranges.contains(p));
            assertFalse(taken.contains(p));
        }
    }

    @Test
    public void theChoiceIsReproducibleForOneSeedAndSpreadsOverSeeds() {
        List<Integer> a = PortAllocator.choose(1, ranges, Set.of(), Arrays.asList((Integer) null), new Random(1));
        List<Integer> b = PortAllocator.choose(1, ranges, Set.of(), Arrays.asList((Integer) null), new Random(1));
        assertEquals(a, b);
        Set<Integer> seen = new HashSet<>();
        for (int seed = 0; seed < 50; seed++) {
            seen.addAll(PortAllocator.choose(1, ranges, Set.of(), Arrays.asList((Integer) null), new Random(seed)));
        }
        assertTrue("a random start spreads concurrent allocators: " + seen, seen.size() > 3);
    }

    @Test
    public void everyFreePortCanBeHandedOutAndThenNoMore() {
        Set<Integer> taken = new HashSet<>();
        Random r = new Random(3);
        for (int i = 0; i < 10; i++) {
            taken.addAll(PortAllocator.choose(1, ranges, taken, Arrays.asList((Integer) null), r));
        }
        assertEquals(10, taken.size());
        try {
            PortAllocator.choose(1, ranges, taken, Arrays.asList((Integer) null), r);
            fail("allocated from a full range");
        } catch (ApiException e) {
            assertEquals(ErrorKind.BAD_REQUEST, e.kind());
            assertTrue(e.getMessage(), e.getMessage().startsWith("No free port left on agent 1"));
        }
    }

    @Test
    public void aBatchLargerThanWhatIsFreeIsRefusedWhole() {
        List<Integer> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(null);
        }
        try {
            PortAllocator.choose(1, ranges, Set.of(), eleven, new Random());
            fail();
        } catch (ApiException e) {
            assertTrue(e.getMessage().contains("10 free, 11 wanted"));
        }
    }

    @Test
    public void explicitPortsAreValidated() {
        expectBad(Arrays.asList(80), "Port 1-1024 is not allowed");
        expectBad(Arrays.asList(1023), "Port 1-1024 is not allowed");
        expectBad(Arrays.asList(70000), "over range");
        expectBad(Arrays.asList(-1), "over range");
        expectBad(Arrays.asList(30001, 30001), "requested twice");
        expectBad(Arrays.asList(31000), "not in ports_range of agent 1");
        PortAllocator.validate(1, ranges, Arrays.asList(30000, null, 30009));
    }

    @Test
    public void usedPortsAreCounted() {
        assertEquals(2, PortAllocator.countUsed(Arrays.asList(1, null, 2, 3), Set.of(1, 2)));
    }

    private void expectBad(List<Integer> ports, String text) {
        try {
            PortAllocator.validate(1, ranges, ports);
            fail(ports + " accepted");
        } catch (ApiException e) {
            assertEquals(ErrorKind.BAD_REQUEST, e.kind());
            assertTrue(e.getMessage(), e.getMessage().contains(text));
        }
    }
}
