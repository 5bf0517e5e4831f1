package io.armada.counters.internal.jpa;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;

/** The counter table on embedded Derby: created by the first increment, atomic under concurrent writers. */
public class JpaCounterDaoTest {
    private static DerbyJpa jpa;
    private static JpaCounterDao dao;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "counters-dao");
        jpa = DerbyJpa.open("armada-counters", dir);
        dao = new JpaCounterDao(new JpaStore(jpa));
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Test
    public void firstIncrementCreatesTheRowAndLaterOnesAdd() {
        String name = "created-" + System.nanoTime();
        assertFalse(dao.values().containsKey(name));
        assertEquals(1, dao.add(name, 1));
        assertEquals(6, dao.add(name, 5));
        assertEquals(Long.valueOf(6), dao.values().get(name));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aCounterNeverGoesDown() {
        dao.add("down", 0);
    }

    @Test
    public void concurrentIncrementsAreNeverLost() throws Exception {
        String name = "concurrent-" + System.nanoTime();
        int threads = 20;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        dao.add(name, 1);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Long.valueOf(threads * each), dao.values().get(name));
        assertTrue(dao.values().size() >= 1);
    }
}
