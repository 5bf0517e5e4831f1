package io.armada.ports.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.ports.PortAllocation;
import io.armada.ports.PortOwner;
import io.armada.ports.PortOwners;
import io.armada.ports.PortService;
import io.armada.ports.internal.jpa.JpaPortsDao;

/**
 * Allocation on the database's terms: read the ports in use, choose, insert the whole batch in one transaction.
 * The primary key (agent, port) refuses a port another allocator took in between (on this server or another one on
 * the same database); then the batch is chosen again from a fresh read, a bounded number of times. No lock in this
 * JVM is part of the guarantee.
 */
@Component(service = PortService.class)
public class PortServiceImpl implements PortService {
    private static final Logger LOG = LoggerFactory.getLogger(PortServiceImpl.class);
    static final int ATTEMPTS = 8;
    static final String NO_DIRECTORY = "agent directory is not available: armada-agents is not running";

    private final PortsDao dao;
    private final Random random;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PortOwners owners;

    @Activate
    public PortServiceImpl(@Reference(target = "(osgi.unit.name=armada-ports)") JpaTemplate jpa) {
        this(new JpaPortsDao(new JpaStore(jpa)), null, new SecureRandom());
    }

    PortServiceImpl(PortsDao dao, PortOwners owners, Random random) {
        this.dao = dao;
        this.owners = owners;
        this.random = random;
    }

    /** The directory of owners, or UNAVAILABLE. */
    PortOwners owners() {
        PortOwners o = owners;
        if (o == null) {
            throw ApiException.unavailable(NO_DIRECTORY);
        }
        return o;
    }

    @Override
    public PortOwner owner(long agentId) {
        return owners().owner(agentId)
                .orElseThrow(() -> ApiException.notFound("agents id [" + agentId + "] can not be found"));
    }

    static PortRanges ranges(PortOwner owner) {
        try {
            return PortRanges.parse(owner.portsRange());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Agent " + owner.agentId() + " has a bad " + e.getMessage());
        }
    }

    static String endpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw ApiException.badRequest("Entpoint name is empty");
        }
        return endpoint.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public void check(long agentId, List<Integer> ports) {
        PortOwner owner = owner(agentId);
        List<Integer> requested = requested(ports);
        PortAllocator.validate(agentId, ranges(owner), requested);
        int used = PortAllocator.countUsed(requested, dao.used(agentId));
        if (used > 0) {
            throw ApiException.badRequest("Ports has been used count " + used);
        }
    }

    @Override
    public List<Integer> allocate(long agentId, String endpoint, long entity, List<Integer> ports, String desc) {
        String e = endpoint(endpoint);
        PortOwner owner = owner(agentId);
        List<Integer> requested = requested(ports);
        if (desc != null && desc.length() > 256) {
            throw ApiException.badRequest("desc is longer than 256 characters");
        }
        PortRanges ranges = ranges(owner);
        PortAllocator.validate(agentId, ranges, requested);
        if (!owners().entityExists(agentId, e, entity)) {
            throw ApiException.notFound("Entity " + entity + " of endpoint " + e + " not found on agent " + agentId);
        }
        long now = Instant.now().getEpochSecond();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Set<Integer> used = dao.used(agentId);
            int clash = PortAllocator.countUsed(requested, used);
            if (clash > 0) {
                throw ApiException.badRequest("Ports has been used count " + clash);
            }
            List<Integer> chosen = PortAllocator.choose(agentId, ranges, used, requested, random);
            try {
                dao.insert(agentId, e, entity, chosen, desc, now);
                LOG.debug("Allocated {} on agent {} to {}:{}", chosen, agentId, e, entity);
                return chosen;
            } catch (DuplicateKeyException dup) {
                // another allocator (maybe another server) took one of these ports since our read: choose again
                LOG.debug("Port collision on agent {} (attempt {}), choosing again", agentId, attempt);
            }
        }
        throw ApiException.unavailable("Port allocation on agent " + agentId + " is busy, try again");
    }

    @Override
    public int free(long agentId, String endpoint, long entity, Collection<Integer> ports, boolean strict) {
        if (ports == null || ports.isEmpty()) {
            throw ApiException.badRequest("Ports is None for delete ports");
        }
        Set<Integer> distinct = new LinkedHashSet<>();
        for (Integer p : ports) {
            if (p == null || p < 0 || p > PortRanges.HIGHEST) {
                throw ApiException.badRequest("Port in ports over range, can not edit ports");
            }
            distinct.add(p);
        }
        int n = dao.delete(agentId, endpoint(endpoint), entity, distinct, strict);
        LOG.debug("Freed {} of {} on agent {} from {}:{}", n, distinct, agentId, endpoint, entity);
        return n;
    }

    @Override
    public int freeEntity(long agentId, String endpoint, long entity) {
        return dao.deleteEntity(agentId, endpoint(endpoint), entity);
    }

    @Override
    public List<PortAllocation> list(long agentId) {
        return dao.byAgent(agentId);
    }

    @Override
    public List<PortAllocation> list(long agentId, String endpoint, long entity) {
        return dao.byEntity(agentId, endpoint(endpoint), entity);
    }

    @Override
    public List<PortAllocation> listEndpoint(String endpoint) {
        return dao.byEndpoint(endpoint(endpoint));
    }

    @Override
    public List<Integer> findFree(long agentId, int count) {
        if (count < 1 || count > MAX_BATCH) {
            throw ApiException.badRequest("count must be 1.." + MAX_BATCH);
        }
        PortOwner owner = owner(agentId);
        return PortAllocator.free(agentId, ranges(owner), dao.used(agentId), count, random);
    }

    private static List<Integer> requested(List<Integer> ports) {
        if (ports == null || ports.isEmpty()) {
            throw ApiException.badRequest("Ports is None for allocate ports");
        }
        if (ports.size() > MAX_BATCH) {
            throw ApiException.badRequest("At most " + MAX_BATCH + " ports per request");
        }
        return new ArrayList<>(ports);
    }
}
