package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.ports.PortAllocation;
import io.armada.ports.PortService;

/**
 * {@link PortsGateway} over the ports area's {@link PortService}. Like block lists' {@code CountersBridge}, it
 * exists only while a {@code PortService} does (mandatory reference) and the bundle imports the ports' package
 * dynamically, so agents resolves and starts without armada-ports and picks it up when it is installed later. While
 * there is no bridge, the agents calls that need ports answer 503 ({@link PortsGateway#UNAVAILABLE}). It is
 * immediate so that the ports' package is wired to this bundle before {@link PortOwnersImpl} is offered to them.
 */
@Component(service = PortsGateway.class, immediate = true)
public class PortsBridge implements PortsGateway {

    private final PortService ports;

    @Activate
    public PortsBridge(@Reference PortService ports) {
        this.ports = ports;
    }

    private PortService ports() {
        return ports;
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
