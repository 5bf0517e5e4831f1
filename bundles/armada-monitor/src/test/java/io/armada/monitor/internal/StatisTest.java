package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.armada.monitor.ResourceStatis;
import io.armada.monitor.rest.SeedRows;

/** resource_statis arithmetic and formats (originals.md §003.4). */
public class StatisTest {
    private Locale saved;

    @Before
    public void commaLocale() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // "%.2f" must still give a dot
    }

    @After
    public void restore() {
        Locale.setDefault(saved);
    }

    private static Sample s(long sec, double cpu, double mem, long rx, long tx) {
        return new Sample(sec * 1000, cpu, mem, new String[] {"eth0"}, new long[] {rx}, new long[] {tx});
    }

    @Test
    public void averagesAreStringsWithTwoDecimals() {
        List<Sample> w = List.of(s(1, 10.0, 40.0, 0, 0), s(2, 20.0, 41.0, 0, 0), s(3, 25.5, 42.5, 0, 0));
        Map<String, Object> d = SeedRows.resourceStatis(Statis.compute(w, Map.of(), Map.of()));
        assertEquals("18.50", d.get("cpu_util"));
        assertEquals("41.17", d.get("memory_util"));
        assertEquals(3L, d.get("utc"));
        assertTrue(d.get("cpu_util") instanceof String);
    }

    @Test
    public void theFirstCpuReadingWithoutAPredecessorIsSkipped() {
        List<Sample> w = List.of(s(1, Double.NaN, 50.0, 0, 0), s(2, 30.0, 50.0, 0, 0), s(3, 10.0, 50.0, 0, 0));
        assertEquals("20.00", Statis.compute(w, Map.of(), Map.of()).cpuUtil());
    }

    @Test
    public void nicRatesComeFromNMinusOneConsecutiveDifferences() {
        // 4 samples → 3 differences: read 100, 300, 200; write 10, 0, 50
        List<Sample> w = List.of(s(10, 1, 1, 1000, 500), s(11, 1, 1, 1100, 510), s(12, 1, 1, 1400, 510),
                s(13, 1, 1, 1600, 560));
        @SuppressWarnings("unchecked")
        Map<String, Object> nic = (Map<String, Object>) ((Map<String, Object>) SeedRows.resourceStatis(Statis
                .compute(w, Map.of("eth0", "10.0.0.5"), Map.of())).get("nic_util")).get("eth0");
        assertEquals("10.0.0.5", nic.get("ip"));
        assertEquals(200L, nic.get("read_bytes_avg"));
        assertEquals(300L, nic.get("read_bytes_max"));
        assertEquals(20L, nic.get("write_bytes_avg")); // 60/3
        assertEquals(50L, nic.get("write_bytes_max"));
        assertEquals(220L, nic.get("sum_bytes_avg"));
        assertEquals(300L, nic.get("sum_bytes_max"));
    }

    @Test
    public void averagesAreTruncatedIntegers() {
        List<Sample> w = List.of(s(1, 1, 1, 0, 0), s(2, 1, 1, 1, 0), s(3, 1, 1, 3, 0));
        ResourceStatis.NicRates nic = Statis.nicRates(w, "eth0", "");
        assertEquals(1L, nic.readBytesAvg()); // (1 + 2) / 2 = 1.5 → 1
        assertEquals(2L, nic.readBytesMax());
    }

    @Test
    public void aCounterThatWentBackwardsCountsAsZeroAndLateSamplesAreScaled() {
        List<Sample> w = List.of(s(1, 1, 1, 5000, 0), s(2, 1, 1, 100, 0), new Sample(4000, 1, 1,
                new String[] {"eth0"}, new long[] {300}, new long[] {0}));
        ResourceStatis.NicRates nic = Statis.nicRates(w, "eth0", "");
        assertEquals(100L, nic.readBytesMax()); // 200 bytes over 2 s
        assertEquals(50L, nic.readBytesAvg());
    }

    @Test
    public void withoutSamplesEverythingIsZero() {
        Map<String, Object> d = SeedRows.resourceStatis(Statis.compute(new ArrayList<>(), Map.of(), Map.of()));
        assertEquals("0.00", d.get("cpu_util"));
        assertEquals("0.00", d.get("memory_util"));
        assertEquals(Map.of(), d.get("nic_util"));
    }

    @Test
    public void aNicThatAppearsLateOnlyUsesTheSamplesThatHaveIt() {
        Sample a = new Sample(1000, 1, 1, new String[0], new long[0], new long[0]);
        List<Sample> w = List.of(a, s(2, 1, 1, 100, 0), s(3, 1, 1, 400, 0));
        ResourceStatis.NicRates nic = Statis.nicRates(w, "eth0", "");
        assertEquals(300L, nic.readBytesAvg());
    }

    @Test
    public void theRingKeepsTheLastSixty() {
        SampleRing ring = new SampleRing(60);
        for (int i = 0; i < 75; i++) {
            ring.add(s(i, i, 0, 0, 0));
        }
        List<Sample> last = ring.last(60);
        assertEquals(60, last.size());
        assertEquals(15_000L, last.get(0).millis());
        assertEquals(74_000L, ring.latest().millis());
        assertEquals(2, ring.last(2).size());
        assertEquals(73_000L, ring.last(2).get(0).millis());
    }

    @Test
    public void busyPercentIsPsutilsFormula() {
        // user nice system idle iowait irq softirq steal
        long[] a = {100, 0, 100, 700, 100, 0, 0, 0};
        long[] b = {200, 0, 150, 900, 150, 0, 0, 0}; // busy 150 of 400
        assertEquals(37.5, Sampler.busyPercent(a, b), 0.0001);
        assertEquals(0.0, Sampler.busyPercent(a, a), 0.0);
        assertEquals(25.0, Sampler.memoryPercent(1000, 750), 0.0);
    }
}
