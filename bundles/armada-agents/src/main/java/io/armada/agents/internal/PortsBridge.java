package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.armada.core.ApiException;
import io.armada.ports.PortAllocation;
import io.armada.ports.PortService;

/**
 * {@link PortsGateway} over the ports area's {@link PortService}, which may come and go: without it every call
 * answers 503. This class is the only one that loads ports API types (the package import is optional), so agents
 * starts even where armada-ports is not installed.
 */
@Component(service = PortsGateway.class)
public class PortsBridge implements PortsGateway {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PortService ports;

    private PortService ports() {
        PortService p = ports;
        if (p == null) {
            throw ApiException.unavailable(UNAVAILABLE);
        }
        return p;
    }

    @Override
    public void check(long agentId, List<Integer> wanted) {
        ports().check(agentId, wanted);
    }

    @Override
    public List<Integer> allocate(long agentId, String endpoint, long entity, List<Integer> wanted, String desc) {
        return ports().allocate(agentId, endpoint, entity, wanted, desc);
    }

    @Override
    public int freeEntity(long agentId, String endpoint, long entity) {
        return ports().freeEntity(agentId, endpoint, entity);
    }

    @Override
    public Map<String, Map<Long, List<Integer>>> ofAgent(long agentId) {
        Map<String, Map<Long, List<Integer>>> out = new TreeMap<>();
        for (PortAllocation a : ports().list(agentId)) {
            out.computeIfAbsent(a.endpoint(), e -> new TreeMap<>())
                    .computeIfAbsent(a.entity(), n -> new ArrayList<>()).add(a.port());
        }
        return out;
    }

    @Override
    public Map<Long, List<Integer>> ofEndpoint(String endpoint) {
        Map<Long, List<Integer>> out = new TreeMap<>();
        for (PortAllocation a : ports().listEndpoint(endpoint)) {
            out.computeIfAbsent(a.entity(), n -> new ArrayList<>()).add(a.port());
        }
        return out;
    }
}
