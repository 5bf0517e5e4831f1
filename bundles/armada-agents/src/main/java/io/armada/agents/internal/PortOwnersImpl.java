package io.armada.agents.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.ports.PortOwner;
import io.armada.ports.PortOwners;

/**
 * The agent directory the ports area allocates against (live agents, their ports_range, their entities). It exists
 * only while {@link PortsBridge} does, that is while the ports area runs and its package is wired to this bundle
 * (see bnd.bnd): without ports nothing asks for it, and it never loads the ports' types.
 */
@Component(service = PortOwners.class)
public class PortOwnersImpl implements PortOwners {

    /** Not used: present so that this directory is registered only while the ports area is there. */
    @Reference
    PortsGateway ports;

    @Reference
    AgentServiceImpl agents;

    @Override
    public Optional<PortOwner> owner(long agentId) {
        return agents.liveRecord(agentId).map(a -> new PortOwner(a.agentId, a.host, agents.portsRange(a)));
    }

    @Override
    public boolean entityExists(long agentId, String endpoint, long entity) {
        return agents.entityOn(agentId, endpoint, entity);
    }

    @Override
    public List<Long> agentIds() {
        return agents.liveIds();
    }
}
