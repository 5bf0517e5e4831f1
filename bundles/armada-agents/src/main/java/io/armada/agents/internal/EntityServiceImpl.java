package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.agents.EndpointInfo;
import io.armada.agents.EntityInfo;
import io.armada.agents.EntityRoutes;
import io.armada.agents.internal.jpa.JpaAgentDao;
import io.armada.agents.internal.jpa.JpaEntityDao;
import io.armada.core.ApiException;
import io.armada.core.Goperation;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/**
 * Endpoints and entities of agents, with Goperation's rules. The holder of {@link PortsGateway} for changes: an entity
 * created with ports takes them all or is removed again (all or nothing across the two bundles).
 */
@Component(service = EntityRoutes.class)
public class EntityServiceImpl implements EntityRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(EntityServiceImpl.class);

    private final AgentDao agents;
    private final EntityDao dao;
    private final NodeRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PortsGateway portsGateway;

    @Activate
    public EntityServiceImpl(@Reference(target = "(osgi.unit.name=armada-agents)") JpaTemplate jpa,
            @Reference NodeRegistry registry) {
        this(new JpaAgentDao(new JpaStore(jpa)), new JpaEntityDao(new JpaStore(jpa)), registry);
    }

    EntityServiceImpl(AgentDao agents, EntityDao dao, NodeRegistry registry) {
        this.agents = agents;
        this.dao = dao;
        this.registry = registry;
    }

    PortsGateway ports() {
        PortsGateway g = portsGateway;
        if (g == null) {
            throw ApiException.unavailable(PortsGateway.UNAVAILABLE);
        }
        return g;
    }

    private static List<EntityInfo> infos(List<EntityRow> entities, Map<Long, List<Integer>> ports) {
        return entities.stream().map(n -> n.toInfo(ports.getOrDefault(n.entity(), List.of()))).toList();
    }

    private EndpointInfo endpointInfo(long agentId, String endpoint, Map<String, Map<Long, List<Integer>>> ports) {
        return new EndpointInfo(agentId, endpoint,
                infos(dao.entities(agentId, endpoint), ports.getOrDefault(endpoint, Map.of())));
    }

    @Override
    public List<EndpointInfo> endpoints(String raw) {
        AgentRow a = AgentLookup.one(agents, raw);
        Map<String, Map<Long, List<Integer>>> ports = ports().ofAgent(a.agentId());
        List<EndpointInfo> out = new ArrayList<>();
        for (String e : dao.endpoints(a.agentId())) {
            out.add(endpointInfo(a.agentId(), e, ports));
        }
        return out;
    }

    @Override
    public List<String> addEndpoints(String raw, Object endpoints) {
        AgentRow a = AgentLookup.one(agents, raw);
        List<String> names = AgentRules.endpoints(endpoints);
        if (names.isEmpty()) {
            throw ApiException.badRequest("Endpoints is None for add endpoints");
        }
        dao.addEndpoints(a.agentId(), names);
        return names;
    }

    @Override
    public EndpointInfo endpoint(String raw, String endpoint) {
        AgentRow a = AgentLookup.one(agents, raw);
        String e = AgentRules.endpoint(endpoint);
        if (!dao.hasEndpoint(a.agentId(), e)) {
            throw ApiException.notFound("Endpoint " + e + " not found on agent " + a.agentId());
        }
        return endpointInfo(a.agentId(), e, ports().ofAgent(a.agentId()));
    }

    @Override
    public int deleteEndpoints(String raw, String endpoints) {
        AgentRow a = AgentLookup.one(agents, raw);
        List<String> names = AgentRules.endpoints(endpoints);
        if (names.isEmpty()) {
            throw ApiException.badRequest("Endpoints is None for add endpoints");
        }
        int n = dao.deleteEndpoints(a.agentId(), names);
        if (n != names.size()) {
            LOG.warn("Delete {} endpoints, but expect count is {}", n, names.size());
        }
        return n;
    }

    @Override
    public List<EndpointAgent> endpointAgents(String endpoint) {
        String e = AgentRules.endpoint(endpoint);
        List<AgentRow> agents = dao.agentsWithEndpoint(e);
        if (agents.isEmpty()) {
            throw ApiException.badRequest("No agent found for " + e);
        }
        return agents.stream().map(a -> new EndpointAgent(a.agentId(), a.host(), a.cpu(), a.memory())).toList();
    }

    @Override
    public List<EndpointCount> endpointCount(String endpoints) {
        return AgentRules.endpoints(endpoints).stream().map(e -> new EndpointCount(e, dao.countEndpoint(e))).toList();
    }

    @Override
    public List<EntityInfo> endpointEntities(String endpoint) {
        String e = AgentRules.endpoint(endpoint);
        return infos(dao.entitiesOfEndpoint(e), ports().ofEndpoint(e));
    }

    @Override
    public List<EntityInfo> entities(String raw, String endpoint, boolean ports) {
        AgentRow a = AgentLookup.one(agents, raw);
        String e = AgentRules.endpoint(endpoint);
        Map<Long, List<Integer>> portMap = ports ? ports().ofAgent(a.agentId()).getOrDefault(e, Map.of()) : Map.of();
        return infos(dao.entities(a.agentId(), e), portMap);
    }

    @Override
    public CreatedEntity createEntity(String raw, String endpoint, NewEntity body) {
        AgentRow a = AgentLookup.one(agents, raw);
        String e = AgentRules.endpoint(endpoint);
        List<Integer> wanted = body.ports() == null ? List.of() : body.ports();
        boolean notify = body.notifyAgent() == null || body.notifyAgent();
        if (body.desc() != null && body.desc().length() > 256) {
            throw ApiException.badRequest("desc is longer than 256 characters");
        }
        if (body.entity() != null && body.entity() < 0) {
            throw ApiException.badRequest("entity must be at least 0");
        }
        if (wanted.size() > 1000) {
            throw ApiException.badRequest("At most 1000 ports per request");
        }
        PortsGateway gateway = wanted.isEmpty() ? null : ports();
        if (gateway != null) {
            gateway.check(a.agentId(), wanted);
        }
        JsonNode metadata = registry.metadata(a.agentId(), registry.now());
        Consumer<AgentRow> online = x -> {
            if (notify && metadata == null) {
                throw ApiException.unavailable("Can not create entity on a offline agent " + x.agentId());
            }
        };
        EntityRow n = null;
        for (int attempt = 1; n == null; attempt++) {
            try {
                n = dao.createEntity(a.agentId(), e, body.entity(), body.desc(), registry.nowSeconds(), online);
            } catch (DuplicateKeyException dup) {
                if (body.entity() != null) {
                    throw ApiException.badRequest("Entity " + body.entity() + " of endpoint " + e + " exists");
                }
                if (attempt >= 5) {
                    throw ApiException.unavailable("Entity numbers of endpoint " + e + " are busy, try again");
                }
            }
        }
        List<Integer> allocated = List.of();
        if (gateway != null) {
            try {
                allocated = gateway.allocate(a.agentId(), e, n.entity(), wanted, body.desc());
            } catch (RuntimeException failed) {
                // all or nothing: the entity goes with its ports
                dao.deleteEntity(e, n.entity());
                throw failed;
            }
        }
        LOG.info("Entity {}:{} created on agent {} with ports {}", e, n.entity(), a.agentId(), allocated);
        return new CreatedEntity(n.toInfo(allocated), metadata);
    }

    @Override
    public EntityDetail showEntity(String endpoint, String entity, boolean ports) {
        String e = AgentRules.endpoint(endpoint);
        long number = Goperation.entity(entity);
        EntityRow n = dao.entity(e, number)
                .orElseThrow(() -> ApiException.notFound("no entity found for " + e));
        List<Integer> list = ports ? ports().ofAgent(n.agentId()).getOrDefault(e, Map.of())
                .getOrDefault(n.entity(), List.of()) : List.of();
        return new EntityDetail(n.toInfo(list), registry.metadata(n.agentId(), registry.now()));
    }

    @Override
    public void deleteEntity(String endpoint, String entity, boolean force) {
        String e = AgentRules.endpoint(endpoint);
        long number = Goperation.entity(entity);
        EntityRow n = dao.entity(e, number)
                .orElseThrow(() -> ApiException.notFound("Entity " + number + " of endpoint " + e + " not found"));
        if (!force && registry.metadata(n.agentId(), registry.now()) == null) {
            throw ApiException.badRequest("Agent not online or not exist");
        }
        int freed = ports().freeEntity(n.agentId(), e, n.entity());
        dao.deleteEntity(e, n.entity());
        LOG.info("Entity {}:{} deleted from agent {}, {} ports freed", e, n.entity(), n.agentId(), freed);
    }

    /** For the ports area: whether an entity exists on an agent. */
    static boolean entityOn(EntityDao dao, long agentId, String endpoint, long entity) {
        return dao.entity(endpoint.toLowerCase(Locale.ROOT), entity).filter(n -> n.agentId() == agentId).isPresent();
    }
}
