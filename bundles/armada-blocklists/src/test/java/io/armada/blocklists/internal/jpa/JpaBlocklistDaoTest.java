package io.armada.blocklists.internal.jpa;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.blocklists.DomainBlock;
import io.armada.blocklists.ProcessBlock;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;

/** The block list tables on embedded Derby: rows, the unique keys, nothing kept from a refused write. */
public class JpaBlocklistDaoTest {
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static JpaBlocklistDao dao;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "blocklists-dao");
        jpa = DerbyJpa.open("armada-blocklists", dir);
        store = new JpaStore(jpa);
        dao = new JpaBlocklistDao(store);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Before
    public void empty() {
        store.run(em -> {
            em.createQuery("delete from DomainBlockEntity").executeUpdate();
            em.createQuery("delete from ProcessBlockEntity").executeUpdate();
        });
    }

    @Test
    public void domainsAreAddedListedByIdUpdatedAndDeleted() {
        DomainBlock a = dao.addDomain("a.example.com");
        DomainBlock b = dao.addDomain("http://b.example.com/x");
        assertTrue(b.id() > a.id());
        assertEquals(List.of(a, b), dao.domains());
        assertEquals(Optional.of(a), dao.domain(a.id()));

        assertEquals(Optional.of(new DomainBlock(a.id(), "c.example.com")), dao.updateDomain(a.id(), "c.example.com"));
        assertEquals(Optional.of(new DomainBlock(a.id(), "c.example.com")), dao.deleteDomain(a.id()));
        assertEquals(List.of(b), dao.domains());

        assertEquals(Optional.empty(), dao.domain(a.id()));
        assertEquals(Optional.empty(), dao.updateDomain(a.id(), "d.example.com"));
        assertEquals(Optional.empty(), dao.deleteDomain(a.id()));
        assertEquals(List.of(b), dao.domains());
    }

    @Test
    public void aDomainDiffersOnlyByMoreThanCase() {
        DomainBlock a = dao.addDomain("Ads.Example.com");
        DomainBlock other = dao.addDomain("other.example.com");
        try {
            dao.addDomain("ads.example.COM");
            fail("a duplicate in another case was added");
        } catch (DuplicateKeyException expected) {
            // refused by the unique key
        }
        try {
            dao.updateDomain(other.id(), "ADS.EXAMPLE.COM");
            fail("an update made a duplicate");
        } catch (DuplicateKeyException expected) {
            // refused, and the row keeps its value
        }
        assertEquals(List.of(a, other), dao.domains());
        // changing the case of a row itself is no conflict
        assertEquals("ads.example.com", dao.updateDomain(a.id(), "ads.example.com").orElseThrow().domain());
    }

    @Test
    public void processRowsAreUniqueByNameAndSignature() {
        ProcessBlock a = dao.addProcess("miner.exe", "ABCDEF");
        ProcessBlock b = dao.addProcess("miner.exe", "123456");
        ProcessBlock c = dao.addProcess("other.exe", "ABCDEF");
        try {
            dao.addProcess("MINER.EXE", "abcdef");
            fail("a duplicate pair was added");
        } catch (DuplicateKeyException expected) {
            // refused
        }
        try {
            dao.updateProcess(b.id(), null, "abcdef");
            fail("an update made a duplicate pair");
        } catch (DuplicateKeyException expected) {
            // refused
        }
        assertEquals(List.of(a, b, c), dao.processes());

        assertEquals(new ProcessBlock(b.id(), "miner2.exe", "123456"),
                dao.updateProcess(b.id(), "miner2.exe", null).orElseThrow());
        assertEquals(new ProcessBlock(b.id(), "miner2.exe", "7890"), dao.updateProcess(b.id(), null, "7890").orElseThrow());
        assertEquals(new ProcessBlock(b.id(), "m3.exe", "x"), dao.updateProcess(b.id(), "m3.exe", "x").orElseThrow());
        assertEquals(Optional.of(new ProcessBlock(b.id(), "m3.exe", "x")), dao.process(b.id()));
        assertEquals(Optional.of(new ProcessBlock(b.id(), "m3.exe", "x")), dao.deleteProcess(b.id()));
        assertEquals(Optional.empty(), dao.updateProcess(b.id(), "y", null));
        assertEquals(List.of(a, c), dao.processes());
    }

    @Test
    public void longestValuesFitTheirColumns() {
        String domain = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63) + "." + "g".repeat(61);
        assertEquals(253, domain.length());
        assertEquals(domain, dao.addDomain(domain).domain());
        ProcessBlock p = dao.addProcess("p".repeat(255), "s".repeat(1024));
        assertEquals(Optional.of(p), dao.process(p.id()));
        assertEquals("例子.测试", dao.addDomain("例子.测试").domain());
    }

    @Test
    public void aLargeListIsReadAsAProjectionInIdOrder() {
        int n = 5_000;
        store.run(em -> {
            for (int i = 0; i < n; i++) {
                DomainBlockEntity e = new DomainBlockEntity();
                e.assign("host-" + i + ".example.com");
                em.persist(e);
            }
        });
        long start = System.nanoTime();
        List<DomainBlock> all = dao.domains();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(n, all.size());
        for (int i = 1; i < n; i++) {
            assertTrue(all.get(i).id() > all.get(i - 1).id());
        }
        assertEquals(n, all.stream().map(DomainBlock::domain).distinct().count());
        System.out.println("listed " + n + " domains in " + ms + " ms");
    }
}
