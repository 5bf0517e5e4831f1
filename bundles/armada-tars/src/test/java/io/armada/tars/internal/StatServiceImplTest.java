package io.armada.tars.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.tars.TarsStats;
import io.armada.tars.internal.jpa.JpaStatDao;

/** Statistics summed per 5-minute slot on the real tables, and the two monitor views (UTC as the zone). */
public class StatServiceImplTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-06");
    private static final long D0 = DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static StatServiceImpl stats;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "tars-stat");
        jpa = DerbyJpa.open("armada-tars", dir);
        store = new JpaStore(jpa);
        stats = new StatServiceImpl(new JpaStatDao(store), Clock.fixed(Instant.ofEpochSecond(D0 + 3600),
                ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Before
    public void empty() {
        store.run(em -> {
            em.createQuery("delete from StatEntity").executeUpdate();
            em.createQuery("delete from PropertyEntity").executeUpdate();
        });
    }

    private static TarsStats.StatRecord call(long t, String iface, long count, long fail, long timeout, long time) {
        return new TarsStats.StatRecord(t, "App.Client", "App.Hello", iface, "10.0.0.1", "10.0.0.2", count, fail,
                timeout, time);
    }

    private static long rows(String entity) {
        return store.tx(em -> em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult());
    }

    @Test
    public void callsAreSummedPerSlotAndComparedWithTheDayBefore() {
        List<TarsStats.StatRecord> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // 00:00-00:04 and 00:05-00:09 of the day, two interfaces
            batch.add(call(D0 + (i % 2 == 0 ? 10 : 310), i % 4 < 2 ? "hi" : "bye", 2, 1, 0, 10));
        }
        assertEquals(500, stats.reportStat(batch));
        assertEquals(500, stats.reportStat(batch)); // a second batch adds to the same rows
        assertEquals(4, rows("StatEntity"));
        stats.reportStat(List.of(call(D0 - 86400 + 20, "hi", 100, 0, 10, 500)));

        List<Map<String, String>> bySlot = stats.statMonitor(DAY, null, null, null, Map.of("slave_name",
                "App.Hello"), null);
        assertEquals(List.of("0000", "0005"), bySlot.stream().map(m -> m.get("show_time")).toList());
        Map<String, String> first = bySlot.get(0);
        assertEquals("20261206", first.get("show_date"));
        assertEquals("1000", first.get("the_total_count")); // 250 records × 2 × 2 batches
        assertEquals("100", first.get("pre_total_count"));
        assertEquals("900.00%", first.get("total_count_wave"));
        assertEquals("5.00", first.get("the_avg_time"));
        assertEquals("50.00%", first.get("the_fail_rate"));
        assertEquals("10.00%", first.get("pre_timeout_rate"));
        assertEquals("App.Hello", first.get("slave_name"));
        assertEquals("%", first.get("interface_name"));
        assertEquals("--", bySlot.get(1).get("pre_total_count"));

        List<Map<String, String>> byIface = stats.statMonitor(DAY, null, "0000", "0004", Map.of(),
                "interface_name");
        assertEquals(List.of("bye", "hi"), byIface.stream().map(m -> m.get("interface_name")).toList());
        assertEquals("500", byIface.get(1).get("the_total_count"));
        assertEquals("%", byIface.get(1).get("show_time"));
    }

    @Test
    public void propertiesKeepEachPolicysAggregate() {
        long t = D0 + 60;
        stats.reportProperty(List.of(new TarsStats.PropertyRecord(t, "App.Hello", "10.0.0.1", "rss", "Avg", 10),
                new TarsStats.PropertyRecord(t + 5, "App.Hello", "10.0.0.1", "rss", "Avg", 30)));
        stats.reportProperty(List.of(new TarsStats.PropertyRecord(t, "App.Hello", "10.0.0.1", "rss", "Avg", 50)));
        List<Map<String, String>> rows = stats.propertyMonitor(DAY, null, null, null, Map.of("policy", "Avg"),
                null);
        assertEquals(1, rows.size());
        assertEquals("30", rows.get(0).get("the_value"));
        assertEquals("--", rows.get(0).get("pre_value"));
        assertEquals("Avg", rows.get(0).get("policy"));
        assertEquals("0000", rows.get(0).get("show_time"));
        assertEquals(1, rows("PropertyEntity"));
    }

    @Test
    public void aBadRecordRefusesItsWholeBatch() {
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> stats.reportStat(List.of(call(D0, "hi", 1, 0, 0, 1),
                call(D0, "", 1, 0, 0, 1))));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> stats.reportStat(List.of(call(D0, "hi", 1, 2, 0, 1))));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> stats.reportStat(List.of(call(D0, "hi", -1, 0, 0, 1))));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> stats.reportStat(List.of()));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> stats.reportProperty(List.of(new TarsStats.PropertyRecord(D0,
                "App.Hello", "", "rss", "Median", 1))));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> stats.statMonitor(DAY, null, null, null, Map.of(),
                "nope"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> stats.statMonitor(DAY, null, "25x", null, Map.of(), null));
        assertEquals(0, rows("StatEntity"));
        assertEquals(0, rows("PropertyEntity"));
        assertTrue(stats.statMonitor(DAY, null, null, null, Map.of(), null).isEmpty());
    }
}
