package io.armada.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.persistence.testing.DerbyJpa;

public class JpaStoreTest {
    private static DerbyJpa jpa;
    private static JpaStore store;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "jpastore");
        jpa = DerbyJpa.open("armada-persistence-test", dir);
        store = new JpaStore(jpa);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    private static long count() {
        return store.tx(em -> em.createQuery("select count(n) from NoteEntity n", Long.class).getSingleResult());
    }

    @Test
    public void commitsAndReturnsTheResult() {
        long before = count();
        Long id = store.tx(em -> {
            NoteEntity n = new NoteEntity("first-" + System.nanoTime());
            em.persist(n);
            em.flush();
            return n.id;
        });
        assertTrue(id != null && id > 0);
        assertEquals(before + 1, count());
    }

    @Test
    public void uniqueViolationIsTranslatedAndNothingIsKept() {
        String text = "dup-" + System.nanoTime();
        store.run(em -> em.persist(new NoteEntity(text)));
        long before = count();
        try {
            store.run(em -> {
                em.persist(new NoteEntity("other-" + System.nanoTime()));
                em.persist(new NoteEntity(text));
            });
            fail("expected a duplicate key");
        } catch (DuplicateKeyException expected) {
            assertTrue(JpaStore.isUniqueViolation(expected.getCause()));
        }
        assertEquals("the whole transaction was rolled back", before, count());
    }

    @Test
    public void otherFailuresRollBackAndPassThrough() {
        long before = count();
        try {
            store.run(em -> {
                em.persist(new NoteEntity("rolled-" + System.nanoTime()));
                em.flush();
                throw new IllegalStateException("boom");
            });
            fail();
        } catch (IllegalStateException expected) {
            assertEquals("boom", expected.getMessage());
        }
        assertEquals(before, count());
    }

    private static RuntimeException lockTimeout() {
        return new javax.persistence.PersistenceException(
                new java.sql.SQLTransactionRollbackException("A lock could not be obtained", "40XL1"));
    }

    /** Derby's burst of identity-generator contention outlasted three tries without a pause (bench/tars.sh). */
    @Test
    public void transientFailuresAreTriedAgainAfterAPause() {
        int[] tries = {0};
        String out = store.tx(em -> {
            if (++tries[0] <= 5) {
                throw lockTimeout();
            }
            return "done";
        });
        assertEquals("done", out);
        assertEquals(6, tries[0]);
    }

    @Test
    public void aTransientFailureThatLastsIsPassedOnAfterTheLastTry() {
        int[] tries = {0};
        try {
            store.run(em -> {
                tries[0]++;
                throw lockTimeout();
            });
            fail();
        } catch (javax.persistence.PersistenceException expected) {
            assertTrue(JpaStore.isTransient(expected));
        }
        assertEquals(JpaStore.ATTEMPTS, tries[0]);
    }

    @Test
    public void pausesGrowAndStayUnderTheCap() {
        java.util.Random r = new java.util.Random(7);
        long total = 0;
        for (int attempt = 1; attempt < JpaStore.ATTEMPTS; attempt++) {
            long cap = Math.min(JpaStore.MAX_PAUSE_MILLIS, 10L << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                long p = JpaStore.pauseMillis(attempt, r);
                assertTrue(attempt + ": " + p, p >= 1 && p <= cap);
            }
            total += cap;
        }
        assertTrue("all pauses together stay under 2 s: " + total, total < 2000);
        assertTrue(JpaStore.pauseMillis(1000, r) <= JpaStore.MAX_PAUSE_MILLIS);
    }
}
