package io.armada.blocklists.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.armada.blocklists.BlocklistService;
import io.armada.blocklists.DomainBlock;
import io.armada.blocklists.ProcessBlock;
import io.armada.blocklists.internal.jpa.JpaBlocklistDao;
import io.armada.core.ApiException;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/**
 * The block lists: validates, writes through the DAO (one committed transaction per change), then counts the change
 * on the list's counter when the counters area is there. Counting comes strictly after the commit, so a client that
 * sees the counter move and re-reads the list always finds the change; a refused change is never counted.
 */
@Component(service = BlocklistService.class)
public class BlocklistServiceImpl implements BlocklistService {

    private final BlocklistDao dao;

    /** Optional and dynamic: the block lists work without the counters, and do not restart when they come or go. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ChangeCounter changeCounter;

    @Activate
    public BlocklistServiceImpl(@Reference(target = "(osgi.unit.name=armada-blocklists)") JpaTemplate jpa) {
        this(new JpaBlocklistDao(new JpaStore(jpa)));
    }

    BlocklistServiceImpl(BlocklistDao dao) {
        this.dao = Objects.requireNonNull(dao, "dao");
    }

    @Override
    public List<DomainBlock> domains() {
        return dao.domains();
    }

    @Override
    public DomainBlock domain(long id) {
        return found(id > 0 ? dao.domain(id) : Optional.empty(), () -> noDomain(id));
    }

    @Override
    public DomainBlock addDomain(String domain) {
        String d = BlocklistRules.domain(domain);
        DomainBlock row = write(() -> dao.addDomain(d), () -> duplicateDomain(d));
        counted(Blocklist.DOMAIN);
        return row;
    }

    @Override
    public DomainBlock updateDomain(long id, String domain) {
        String d = BlocklistRules.domain(domain);
        DomainBlock row = found(write(() -> id > 0 ? dao.updateDomain(id, d) : Optional.empty(),
                () -> duplicateDomain(d)), () -> noDomain(id));
        counted(Blocklist.DOMAIN);
        return row;
    }

    @Override
    public DomainBlock deleteDomain(long id) {
        DomainBlock row = found(id > 0 ? dao.deleteDomain(id) : Optional.empty(), () -> noDomain(id));
        counted(Blocklist.DOMAIN);
        return row;
    }

    @Override
    public List<ProcessBlock> processes() {
        return dao.processes();
    }

    @Override
    public ProcessBlock process(long id) {
        return found(id > 0 ? dao.process(id) : Optional.empty(), () -> noProcess(id));
    }

    @Override
    public ProcessBlock addProcess(String process, String signature) {
        String p = BlocklistRules.process(process);
        String s = BlocklistRules.signature(signature);
        ProcessBlock row = write(() -> dao.addProcess(p, s), () -> duplicateProcess(p));
        counted(Blocklist.PROCESS);
        return row;
    }

    @Override
    public ProcessBlock updateProcess(long id, String process, String signature) {
        if (process == null && signature == null) {
            throw ApiException.badRequest("process or signature is required");
        }
        String p = process == null ? null : BlocklistRules.process(process);
        String s = signature == null ? null : BlocklistRules.signature(signature);
        ProcessBlock row = found(write(() -> id > 0 ? dao.updateProcess(id, p, s) : Optional.empty(),
                () -> duplicateProcess(p)), () -> noProcess(id));
        counted(Blocklist.PROCESS);
        return row;
    }

    @Override
    public ProcessBlock deleteProcess(long id) {
        ProcessBlock row = found(id > 0 ? dao.deleteProcess(id) : Optional.empty(), () -> noProcess(id));
        counted(Blocklist.PROCESS);
        return row;
    }

    /** After the commit: one count on the list's counter, when the counters are there. */
    private void counted(Blocklist list) {
        ChangeCounter counter = changeCounter;
        if (counter != null) {
            counter.changed(list);
        }
    }

    private static <T> T write(Supplier<T> work, Supplier<ApiException> duplicate) {
        try {
            return work.get();
        } catch (DuplicateKeyException e) {
            throw duplicate.get();
        }
    }

    private static <T> T found(Optional<T> row, Supplier<ApiException> missing) {
        return row.orElseThrow(missing);
    }

    private static ApiException noDomain(long id) {
        return ApiException.notFound("no domain with id " + id);
    }

    private static ApiException noProcess(long id) {
        return ApiException.notFound("no process with id " + id);
    }

    private static ApiException duplicateDomain(String domain) {
        return ApiException.refused("domain " + domain + " is already in the block list");
    }

    private static ApiException duplicateProcess(String process) {
        return ApiException.refused(process == null ? "that process and signature are already in the block list"
                : "process " + process + " with that signature is already in the block list");
    }
}
