package io.armada.blocklists.internal;

import static io.armada.blocklists.internal.BlocklistRulesTest.assertRefused;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.armada.blocklists.DomainBlock;
import io.armada.blocklists.ProcessBlock;
import io.armada.blocklists.internal.jpa.JpaBlocklistDao;
import io.armada.core.ErrorKind;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;

/**
 * The counting rule of SPEC §9 on a real database: every committed add, update and delete counts one on its own
 * list's counter, after the commit; a refused change changes nothing and counts nothing; without the counters the
 * lists work and count nothing.
 */
public class BlocklistServiceImplTest {
    private DerbyJpa jpa;
    private BlocklistServiceImpl service;
    private final Counted counted = new Counted();

    /** Records each count, and what the list held at that moment (to prove the count came after the commit). */
    final class Counted implements ChangeCounter {
        final Map<Blocklist, Integer> counts = new EnumMap<>(Blocklist.class);
        int domainsSeenAtLastCount = -1;

        @Override
        public synchronized void changed(Blocklist list) {
            counts.merge(list, 1, Integer::sum);
            domainsSeenAtLastCount = service.domains().size();
        }

        synchronized int of(Blocklist list) {
            return counts.getOrDefault(list, 0);
        }
    }

    @Before
    public void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "blocklists-service");
        jpa = DerbyJpa.open("armada-blocklists", dir);
        service = new BlocklistServiceImpl(new JpaBlocklistDao(new JpaStore(jpa)));
        service.changeCounter = counted;
    }

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void everyCommittedDomainChangeCountsOnceAfterTheCommit() {
        DomainBlock a = service.addDomain(" ads.example.com ");
        assertEquals("ads.example.com", a.domain());
        assertEquals(1, counted.of(Blocklist.DOMAIN));
        assertEquals("the add was visible when it was counted", 1, counted.domainsSeenAtLastCount);

        service.addDomain("http://b.example.com/x");
        assertEquals(2, counted.of(Blocklist.DOMAIN));
        assertEquals(2, counted.domainsSeenAtLastCount);

        assertEquals("c.example.com", service.updateDomain(a.id(), "c.example.com").domain());
        assertEquals(3, counted.of(Blocklist.DOMAIN));

        assertEquals(a.id(), service.deleteDomain(a.id()).id());
        assertEquals(4, counted.of(Blocklist.DOMAIN));
        assertEquals("the delete was visible when it was counted", 1, counted.domainsSeenAtLastCount);

        assertEquals(0, counted.of(Blocklist.PROCESS));
    }

    @Test
    public void everyCommittedProcessChangeCountsOnce() {
        ProcessBlock p = service.addProcess("miner.exe", "ABCDEF");
        service.updateProcess(p.id(), null, "123456");
        service.updateProcess(p.id(), "miner2.exe", null);
        service.updateProcess(p.id(), "miner3.exe", "7890");
        assertEquals(new ProcessBlock(p.id(), "miner3.exe", "7890"), service.process(p.id()));
        service.deleteProcess(p.id());
        assertEquals(5, counted.of(Blocklist.PROCESS));
        assertEquals(0, counted.of(Blocklist.DOMAIN));
    }

    @Test
    public void refusedDomainChangesChangeNothingAndCountNothing() {
        DomainBlock a = service.addDomain("a.example.com");
        DomainBlock b = service.addDomain("b.example.com");
        List<DomainBlock> before = service.domains();
        int counts = counted.of(Blocklist.DOMAIN);

        assertRefused("duplicate add", ErrorKind.REFUSED, () -> service.addDomain("A.EXAMPLE.COM"));
        assertRefused("duplicate update", ErrorKind.REFUSED, () -> service.updateDomain(b.id(), "a.example.com"));
        assertRefused("empty", ErrorKind.BAD_REQUEST, () -> service.addDomain(""));
        assertRefused("null", ErrorKind.BAD_REQUEST, () -> service.addDomain(null));
        assertRefused("too long", ErrorKind.BAD_REQUEST, () -> service.addDomain("a".repeat(250) + ".com"));
        assertRefused("not a domain", ErrorKind.BAD_REQUEST, () -> service.addDomain("not a domain"));
        assertRefused("bad update value", ErrorKind.BAD_REQUEST, () -> service.updateDomain(a.id(), " "));
        assertRefused("unknown id update", ErrorKind.NOT_FOUND, () -> service.updateDomain(999_999, "z.example.com"));
        assertRefused("unknown id delete", ErrorKind.NOT_FOUND, () -> service.deleteDomain(999_999));
        assertRefused("zero id", ErrorKind.NOT_FOUND, () -> service.deleteDomain(0));
        assertRefused("negative id", ErrorKind.NOT_FOUND, () -> service.updateDomain(-1, "z.example.com"));
        assertRefused("unknown id read", ErrorKind.NOT_FOUND, () -> service.domain(999_999));

        assertEquals(before, service.domains());
        assertEquals(counts, counted.of(Blocklist.DOMAIN));
    }

    @Test
    public void refusedProcessChangesChangeNothingAndCountNothing() {
        ProcessBlock a = service.addProcess("a.exe", "sig-a");
        ProcessBlock b = service.addProcess("b.exe", "sig-b");
        List<ProcessBlock> before = service.processes();
        int counts = counted.of(Blocklist.PROCESS);

        assertRefused("duplicate pair", ErrorKind.REFUSED, () -> service.addProcess("A.EXE", "SIG-A"));
        assertRefused("update into a duplicate", ErrorKind.REFUSED, () -> service.updateProcess(b.id(), "a.exe", "sig-a"));
        assertRefused("nothing to update", ErrorKind.BAD_REQUEST, () -> service.updateProcess(a.id(), null, null));
        assertRefused("empty process", ErrorKind.BAD_REQUEST, () -> service.addProcess("", "s"));
        assertRefused("missing signature", ErrorKind.BAD_REQUEST, () -> service.addProcess("p.exe", null));
        assertRefused("long process", ErrorKind.BAD_REQUEST, () -> service.addProcess("p".repeat(256), "s"));
        assertRefused("long signature", ErrorKind.BAD_REQUEST, () -> service.addProcess("p", "s".repeat(1025)));
        assertRefused("empty update", ErrorKind.BAD_REQUEST, () -> service.updateProcess(a.id(), "", null));
        assertRefused("unknown id", ErrorKind.NOT_FOUND, () -> service.updateProcess(999_999, "x", null));
        assertRefused("unknown delete", ErrorKind.NOT_FOUND, () -> service.deleteProcess(999_999));
        assertRefused("unknown read", ErrorKind.NOT_FOUND, () -> service.process(999_999));

        assertEquals(before, service.processes());
        assertEquals(counts, counted.of(Blocklist.PROCESS));
    }

    @Test
    public void withoutTheCountersTheListsWorkAndCountNothing() {
        service.changeCounter = null;
        DomainBlock a = service.addDomain("a.example.com");
        service.updateDomain(a.id(), "b.example.com");
        ProcessBlock p = service.addProcess("p.exe", "s");
        service.deleteProcess(p.id());
        assertEquals(List.of(new DomainBlock(a.id(), "b.example.com")), service.domains());
        assertEquals(0, counted.of(Blocklist.DOMAIN));
        assertEquals(0, counted.of(Blocklist.PROCESS));
    }
}
