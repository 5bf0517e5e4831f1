package io.armada.tars.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.ports.PortService;

/**
 * {@link PortPool} over the ports area's {@link PortService}; exists only while it does (see {@link AgentsBridge}).
 */
@Component(service = PortPool.class, immediate = true)
public class PortsBridge implements PortPool {
    private final PortService ports;

    @Activate
    public PortsBridge(@Reference PortService ports) {
        this.ports = ports;
    }

    @Override
    public List<Integer> findFree(long agentId, int count) {
        return ports.findFree(agentId, count);
    }

    @Override
    public void reserve(long agentId, long entity, List<Integer> wanted) {
        ports.allocate(agentId, NodeDirectory.ENDPOINT, entity, wanted, "tars auto_port");
    }
}
