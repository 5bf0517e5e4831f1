package io.armada.blocklists.rest;

import static io.armada.blocklists.internal.BlocklistRulesTest.assertRefused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import io.armada.blocklists.DomainBlock;
import io.armada.blocklists.ProcessBlock;
import io.armada.blocklists.internal.BlocklistDao;
import io.armada.blocklists.internal.BlocklistServiceImplAccess;
import io.armada.core.Envelopes;
import io.armada.core.ErrorKind;

/** The resources' own part: where ids come from, required bodies, and the egg envelopes they answer. */
public class ResourcesTest {

    /** An in-memory DAO (no uniqueness: that is the database's part, tested on Derby). */
    static final class MemoryDao implements BlocklistDao {
        final List<DomainBlock> domains = new ArrayList<>();
        final List<ProcessBlock> processes = new ArrayList<>();
        final AtomicLong ids = new AtomicLong();

        @Override
        public List<DomainBlock> domains() {
            return List.copyOf(domains);
        }

        @Override
        public Optional<DomainBlock> domain(long id) {
            return domains.stream().filter(d -> d.id() == id).findFirst();
        }

        @Override
        public DomainBlock addDomain(String domain) {
            DomainBlock d = new DomainBlock(ids.incrementAndGet(), domain);
            domains.add(d);
            return d;
        }

        @Override
        public Optional<DomainBlock> updateDomain(long id, String domain) {
            return domain(id).map(old -> {
                DomainBlock d = new DomainBlock(id, domain);
                domains.set(domains.indexOf(old), d);
                return d;
            });
        }

        @Override
        public Optional<DomainBlock> deleteDomain(long id) {
            Optional<DomainBlock> d = domain(id);
            d.ifPresent(domains::remove);
            return d;
        }

        @Override
        public List<ProcessBlock> processes() {
            return List.copyOf(processes);
        }

        @Override
        public Optional<ProcessBlock> process(long id) {
            return processes.stream().filter(p -> p.id() == id).findFirst();
        }

        @Override
        public ProcessBlock addProcess(String process, String signature) {
            ProcessBlock p = new ProcessBlock(ids.incrementAndGet(), process, signature);
            processes.add(p);
            return p;
        }

        @Override
        public Optional<ProcessBlock> updateProcess(long id, String process, String signature) {
            return process(id).map(old -> {
                ProcessBlock p = new ProcessBlock(id, process == null ? old.process() : process,
                        signature == null ? old.signature() : signature);
                processes.set(processes.indexOf(old), p);
                return p;
            });
        }

        @Override
        public Optional<ProcessBlock> deleteProcess(long id) {
            Optional<ProcessBlock> p = process(id);
            p.ifPresent(processes::remove);
            return p;
        }
    }

    private final MemoryDao dao = new MemoryDao();
    private final DomainResource domains = new DomainResource(BlocklistServiceImplAccess.create(dao));
    private final ProcessResource processes = new ProcessResource(BlocklistServiceImplAccess.create(dao));

    private static DomainRequest domain(Long id, String domain) {
        DomainRequest r = new DomainRequest();
        r.id = id;
        r.domain = domain;
        return r;
    }

    private static ProcessRequest process(Long id, String process, String signature) {
        ProcessRequest r = new ProcessRequest();
        r.id = id;
        r.process = process;
        r.signature = signature;
        return r;
    }

    private static IdRequest id(Long id) {
        IdRequest r = new IdRequest();
        r.id = id;
        return r;
    }

    @Test
    public void domainRoutesAnswerTheRowsInTheEggEnvelope() {
        Envelopes.Egg added = domains.add(domain(null, "a.example.com"));
        assertEquals(0, added.status());
        assertEquals("add domain ok", added.msg());
        DomainBlock a = (DomainBlock) added.data();
        assertEquals("a.example.com", a.domain());

        assertEquals(new DomainBlock(a.id(), "b.example.com"), domains.update(domain(a.id(), "b.example.com")).data());
        assertEquals(List.of(new DomainBlock(a.id(), "b.example.com")), domains.list(null, null).data());
        assertEquals(List.of(new DomainBlock(a.id(), "b.example.com")), domains.list(Long.toString(a.id()), null).data());
        assertEquals(List.of(new DomainBlock(a.id(), "b.example.com")), domains.list(null, id(a.id())).data());
        assertEquals("list domain ok", domains.list(null, null).msg());
        Envelopes.Egg deleted = domains.delete(id(a.id()));
        assertEquals("delete domain ok", deleted.msg());
        assertEquals(List.of(), domains.list(null, new IdRequest()).data());
    }

    @Test
    public void processRoutesAnswerTheRowsInTheEggEnvelope() {
        ProcessBlock p = (ProcessBlock) processes.add(process(null, "m.exe", "sig")).data();
        assertEquals(new ProcessBlock(p.id(), "m.exe", "sig2"), processes.update(process(p.id(), null, "sig2")).data());
        assertEquals(List.of(new ProcessBlock(p.id(), "m.exe", "sig2")), processes.list(" " + p.id() + " ", null).data());
        assertEquals("delete process ok", processes.delete(id(p.id())).msg());
        assertEquals(List.of(), processes.list(null, null).data());
    }

    @Test
    public void missingBodiesAndBadIdsAreRefused() {
        assertRefused("add without body", ErrorKind.BAD_REQUEST, () -> domains.add(null));
        assertRefused("update without body", ErrorKind.BAD_REQUEST, () -> domains.update(null));
        assertRefused("update without id", ErrorKind.BAD_REQUEST, () -> domains.update(domain(null, "a.com")));
        assertRefused("update with id 0", ErrorKind.BAD_REQUEST, () -> domains.update(domain(0L, "a.com")));
        assertRefused("delete without body", ErrorKind.BAD_REQUEST, () -> domains.delete(null));
        assertRefused("delete without id", ErrorKind.BAD_REQUEST, () -> domains.delete(new IdRequest()));
        assertRefused("delete of -3", ErrorKind.BAD_REQUEST, () -> domains.delete(id(-3L)));
        assertRefused("list ?id=abc", ErrorKind.BAD_REQUEST, () -> domains.list("abc", null));
        assertRefused("list ?id=", ErrorKind.BAD_REQUEST, () -> domains.list("", null));
        assertRefused("list ?id=0", ErrorKind.BAD_REQUEST, () -> domains.list("0", null));
        assertRefused("list of an unknown id", ErrorKind.NOT_FOUND, () -> domains.list("42", null));
        assertRefused("process add without body", ErrorKind.BAD_REQUEST, () -> processes.add(null));
        assertRefused("process update without id", ErrorKind.BAD_REQUEST, () -> processes.update(process(null, "a", "b")));
        assertRefused("process delete without body", ErrorKind.BAD_REQUEST, () -> processes.delete(null));
        assertRefused("process list of an unknown id", ErrorKind.NOT_FOUND, () -> processes.list(null, id(42L)));
        assertEquals(List.of(), dao.domains());
    }

    @Test
    public void theQueryIdWinsOverABodyId() {
        assertNull(IdRequest.forList(null, null));
        assertEquals(Long.valueOf(5), IdRequest.forList("5", id(6L)));
        assertEquals(Long.valueOf(6), IdRequest.forList(null, id(6L)));
    }
}
