package io.armada.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.persistence.testing.DerbyJpa;

/** Two servers of one area on one database (embedded Derby), each with a clock the test drives. */
public class ServerLeasesTest {
    private static DerbyJpa jpa;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "leases");
        jpa = DerbyJpa.open("armada-persistence-test", dir);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Test
    public void aServerWhoseBeatStandsStillForALeaseIsGone() {
        AtomicLong clockA = new AtomicLong(1_000_000);
        AtomicLong clockB = new AtomicLong(5_000); // another machine's clock: never compared with A's
        ServerLeases a = new ServerLeases(new JpaStore(jpa), "t1", "a:1", 30_000, clockA::get);
        ServerLeases b = new ServerLeases(new JpaStore(jpa), "t1", "b:1", 30_000, clockB::get);

        assertTrue("before its first look, nobody is taken over", a.alive("b:1"));
        assertTrue(a.alive(null));
        a.beat();
        b.beat();
        a.beat();
        assertTrue(a.looked());
        assertTrue(a.alive("a:1"));
        assertTrue("b beat since a first saw it", a.alive("b:1"));
        assertFalse("an owner with no row is gone once looked", a.alive("c:1"));
        assertFalse(a.alive(null));

        // b keeps beating: alive however far a's clock goes
        for (int i = 0; i < 5; i++) {
            clockA.addAndGet(20_000);
            b.beat();
            a.beat();
            assertTrue("beat " + i, a.alive("b:1"));
        }
        // b stops (kill -9): gone once its counter stood still a lease on a's clock
        clockA.addAndGet(20_000);
        a.beat();
        assertTrue(a.alive("b:1"));
        clockA.addAndGet(10_001);
        a.beat();
        assertFalse(a.alive("b:1"));
        // b comes back under the same name
        b.beat();
        a.beat();
        assertTrue(a.alive("b:1"));
        // and b sees a the same way, on its own clock
        assertTrue(b.alive("a:1"));
    }

    @Test
    public void eachRunBeatsThenRunsTheAfterStepAndAFailedBeatSkipsIt() throws Exception {
        AtomicLong clock = new AtomicLong(0);
        ServerLeases z = new ServerLeases(new JpaStore(jpa), "t4", "z:1", 30_000, clock::get);
        java.util.concurrent.atomic.AtomicInteger after = new java.util.concurrent.atomic.AtomicInteger();
        Runnable beat = z.beatThen(() -> {
            long counted = ((Number) new JpaStore(jpa).tx(em -> em.createNativeQuery(
                    "SELECT BEAT FROM ARMADA_LEASE WHERE AREA = 't4' AND SERVER = 'z:1'").getSingleResult()))
                    .longValue();
            assertTrue("each beat counted before its after-step: " + counted, counted > after.get());
            after.incrementAndGet();
        });
        for (int i = 0; i < 3; i++) {
            beat.run();
        }
        assertEquals(3, after.get());

        // a beat that cannot reach its database is logged; its after-step (the take-over) does not run
        DerbyJpa gone = DerbyJpa.open("armada-persistence-test",
                Files.createTempDirectory(Paths.get("target"), "leases-gone"));
        gone.close();
        new ServerLeases(new JpaStore(gone), "t4", "w:1", 30_000, clock::get).beatThen(after::incrementAndGet).run();
        assertEquals(3, after.get());
    }

    @Test
    public void areasAreApart() {
        AtomicLong clock = new AtomicLong(0);
        ServerLeases x = new ServerLeases(new JpaStore(jpa), "t2", "x:1", 30_000, clock::get);
        ServerLeases y = new ServerLeases(new JpaStore(jpa), "t3", "y:1", 30_000, clock::get);
        x.beat();
        y.beat();
        x.beat();
        assertFalse("y beats for another area", x.alive("y:1"));
        assertEquals("x:1", x.self());
    }

    @Test
    public void theNameIsTheSettingElseHostAndPort() {
        assertEquals("s1", ServerLeases.serverName(" s1 "));
        String before = System.getProperty("armada.http.port");
        System.setProperty("armada.http.port", "18181");
        try {
            assertTrue(ServerLeases.serverName(null), ServerLeases.serverName(null).endsWith(":18181"));
            assertTrue(ServerLeases.serverName("  ").endsWith(":18181"));
        } finally {
            if (before == null) {
                System.clearProperty("armada.http.port");
            } else {
                System.setProperty("armada.http.port", before);
            }
        }
    }
}
