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
}
