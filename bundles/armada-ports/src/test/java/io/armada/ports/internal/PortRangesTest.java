package io.armada.ports.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;

public class PortRangesTest {

    @Test
    public void halfOpenRangesAreParsedAndMerged() {
        PortRanges r = PortRanges.parse(List.of("30000-30010", " 30005-30020 ", "40000-40002"));
        assertEquals(2, r.ranges().size());
        assertEquals(22, r.size());
        assertTrue(r.contains(30000));
        assertTrue(r.contains(30019));
        assertFalse("up is exclusive", r.contains(30020));
        assertTrue(r.contains(40001));
        assertFalse(r.contains(40002));
        assertEquals(30000, r.portAt(0));
        assertEquals(30019, r.portAt(19));
        assertEquals(40000, r.portAt(20));
        assertEquals(40001, r.portAt(21));
    }

    @Test
    public void touchingRangesMerge() {
        PortRanges r = PortRanges.parse(List.of("2000-2001", "2001-2002"));
        assertEquals(1, r.ranges().size());
        assertEquals(2, r.size());
    }

    @Test
    public void emptyOrMissingMeansNoPort() {
        assertEquals(0, PortRanges.parse(List.of()).size());
        assertEquals(0, PortRanges.parse(null).size());
    }

    @Test
    public void badRangesAreRefusedWithTheItemNamed() {
        for (String bad : new String[] {"100-2000", "1023-2000", "abc", "3000", "-3000", "3000-", "3000-3000",
            "4000-3000", "60000-70000", "a-b"}) {
            try {
                PortRanges.parse(List.of(bad));
                fail(bad + " was accepted");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(bad.trim()));
            }
        }
        try {
            PortRanges.parse(List.of("100-2000"));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("Port 1-1024 is not allowed"));
        }
    }

    @Test
    public void theTopPortIsAllowed() {
        PortRanges r = PortRanges.parse(List.of("65530-65536"));
        assertTrue(r.contains(65535));
        assertEquals(6, r.size());
    }
}
