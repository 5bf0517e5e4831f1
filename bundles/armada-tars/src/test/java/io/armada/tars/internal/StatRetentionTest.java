package io.armada.tars.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.tars.internal.jpa.JpaStatDao;

/** Statistics older than the retention are deleted, in bounded chunks; younger ones stay; 0 keeps everything. */
public class StatRetentionTest {
    private static final long NOW = 1_796_000_000L; // a slot start
    private static final long DAY = 86_400L;
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static JpaStatDao dao;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "tars-retention");
        jpa = DerbyJpa.open("armada-tars", dir);
        store = new JpaStore(jpa);
        dao = new JpaStatDao(store);
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

    private static Clock at(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    /** {@code n} stat rows and one property row in the slot {@code ageSeconds} before NOW. */
    private static void rows(long ageSeconds, int n) {
        long slot = StatServiceImpl.slot(NOW - ageSeconds);
        List<StatDao.StatAdd> adds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adds.add(new StatDao.StatAdd(slot, "App.Client", "App.Hello", "iface" + i, "10.0.0.1", "10.0.0.2", 1, 0,
                    0, 5));
        }
        dao.addStats(adds);
        dao.addProperties(List.of(new StatDao.PropertyAdd(slot, "App.Hello", "10.0.0.2", "cpu", "Avg", 1, 1, 1, 1)));
    }

    private static long count(String entity) {
        return store.tx(em -> em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult());
    }

    private static long oldest(String entity) {
        return store.tx(em -> em.createQuery("select min(x.slot) from " + entity + " x", Long.class)
                .getSingleResult());
    }

    @Test
    public void slotsOlderThanTheRetentionAreDeletedAndYoungerOnesStay() {
        rows(40 * DAY, 3);
        rows(32 * DAY, 2);
        rows(30 * DAY, 4);
        rows(0, 1);
        StatRetention r = new StatRetention(dao, at(NOW), 31, null);
        assertEquals("5 stat rows and 2 property rows deleted", 7, r.sweep());
        assertEquals(5, count("StatEntity"));
        assertEquals(2, count("PropertyEntity"));
        assertEquals(StatServiceImpl.slot(NOW - 30 * DAY), oldest("StatEntity"));
        assertEquals(StatServiceImpl.slot(NOW - 30 * DAY), oldest("PropertyEntity"));
        assertEquals("nothing more on the next sweep", 0, r.sweep());
    }

    @Test
    public void aLargeBacklogGoesInChunksOldestFirst() {
        rows(50 * DAY, StatRetention.CHUNK + 10);
        rows(40 * DAY, 5);
        List<Integer> chunks = new ArrayList<>();
        StatDao counting = new CountingDao(dao, chunks);
        assertEquals(StatRetention.CHUNK + 15 + 2, new StatRetention(counting, at(NOW), 31, null).sweep());
        assertEquals("two stat chunks (the second short), one property chunk",
                List.of(StatRetention.CHUNK, 15, 2), chunks);
        assertEquals(0, count("StatEntity"));
    }

    @Test
    public void zeroKeepsEverything() {
        rows(400 * DAY, 2);
        assertEquals(0, new StatRetention(dao, at(NOW), 0, null).sweep());
        assertEquals(2, count("StatEntity"));
    }

    /** Records the size of each chunk deleted. */
    private record CountingDao(StatDao dao, List<Integer> chunks) implements StatDao {
        @Override
        public void addStats(java.util.Collection<StatAdd> adds) {
            dao.addStats(adds);
        }

        @Override
        public void addProperties(java.util.Collection<PropertyAdd> adds) {
            dao.addProperties(adds);
        }

        @Override
        public List<StatSum> statSums(long from, long to, java.util.Map<String, String> filters, String groupBy) {
            return dao.statSums(from, to, filters, groupBy);
        }

        @Override
        public List<PropertySum> propertySums(long from, long to, java.util.Map<String, String> filters,
                String groupBy) {
            return dao.propertySums(from, to, filters, groupBy);
        }

        @Override
        public int deleteStatsBefore(long slot, int limit) {
            int n = dao.deleteStatsBefore(slot, limit);
            chunks.add(n);
            return n;
        }

        @Override
        public int deletePropertiesBefore(long slot, int limit) {
            int n = dao.deletePropertiesBefore(slot, limit);
            chunks.add(n);
            return n;
        }
    }
}
