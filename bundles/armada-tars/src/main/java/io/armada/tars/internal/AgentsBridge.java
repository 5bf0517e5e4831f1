package io.armada.tars.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.agents.AgentService;
import io.armada.agents.EntityRoutes;

/**
 * {@link NodeDirectory} over the agents area. It exists only while the agents' services do (mandatory references),
 * and the bundle imports the agents' package dynamically, so tars resolves and serves without armada-agents and
 * picks it up when it is installed later (docs/area-layout.md, optional neighbours).
 */
@Component(service = NodeDirectory.class, immediate = true)
public class AgentsBridge implements NodeDirectory {
    private final AgentService agents;
    private final EntityRoutes entities;

    @Activate
    public AgentsBridge(@Reference AgentService agents, @Reference EntityRoutes entities) {
        this.agents = agents;
        this.entities = entities;
    }

    @Override
    public Optional<Node> node(String ip) {
        return agents.findByIp(ip).map(a -> new Node(a.agentId(), a.online()));
    }

    @Override
    public long createEntity(long agentId) {
        // goperation's entities live under an endpoint of their agent: "tars" is added the first time
        String agent = Long.toString(agentId);
        if (!hasEndpoint(agentId)) {
            try {
                entities.addEndpoints(agent, java.util.List.of(ENDPOINT));
            } catch (io.armada.core.ApiException raced) {
                if (!hasEndpoint(agentId)) {
                    throw raced;
                }
            }
        }
        return entities.createEntity(Long.toString(agentId), ENDPOINT,
                new EntityRoutes.NewEntity(null, false, "tars node: ports handed out by auto_port", null))
                .entity().entity();
    }

    private boolean hasEndpoint(long agentId) {
        return agents.find(agentId).map(a -> a.endpoints().contains(ENDPOINT)).orElse(false);
    }

    @Override
    public void deleteEntity(long entity) {
        entities.deleteEntity(ENDPOINT, Long.toString(entity), true);
    }
}
