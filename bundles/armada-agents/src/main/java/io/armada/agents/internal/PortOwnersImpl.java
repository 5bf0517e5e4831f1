package io.armada.agents.internal;

import java.util.List;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.agents.internal.jpa.JpaAgentDao;
import io.armada.agents.internal.jpa.JpaEntityDao;
import io.armada.persistence.JpaStore;
import io.armada.ports.PortOwner;
import io.armada.ports.PortOwners;

/**
 * The agent directory the ports area allocates against (live agents, their ports_range, their entities). It exists
 * only while {@link PortsBridge} does, that is while the ports area runs and its package is wired to this bundle
 * (see bnd.bnd): without ports nothing asks for it, and it never loads the ports' types.
 */
@Component(service = PortOwners.class)
public class PortOwnersImpl implements PortOwners {

    private final AgentDao agents;
    private final EntityDao entities;

    /**
     * @param ports not used: a mandatory reference so that this directory is registered only while the ports area
     *        is there
     */
    @Activate
    public PortOwnersImpl(@Reference(target = "(osgi.unit.name=armada-agents)") JpaTemplate jpa,
            @Reference PortsGateway ports) {
        this.agents = new JpaAgentDao(new JpaStore(jpa));
        this.entities = new JpaEntityDao(new JpaStore(jpa));
    }

    @Override
    public Optional<PortOwner> owner(long agentId) {
        return AgentLookup.live(agents, agentId).map(a -> new PortOwner(a.agentId(), a.host(), AgentLookup.portsRange(a)));
    }

    @Override
    public boolean entityExists(long agentId, String endpoint, long entity) {
        return EntityServiceImpl.entityOn(entities, agentId, endpoint, entity);
    }

    @Override
    public List<Long> agentIds() {
        return agents.liveIds().stream().sorted().toList();
    }
}
