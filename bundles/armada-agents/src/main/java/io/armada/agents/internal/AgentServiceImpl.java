package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.agents.AgentDetail;
import io.armada.agents.AgentInfo;
import io.armada.agents.AgentRoutes;
import io.armada.agents.AgentService;
import io.armada.agents.AgentStatus;
import io.armada.agents.AgentTarget;
import io.armada.agents.AgentTask;
import io.armada.agents.AsyncHandle;
import io.armada.agents.AsyncRequests;
import io.armada.agents.AsyncTiming;
import io.armada.agents.EntityInfo;
import io.armada.agents.internal.jpa.JpaAgentDao;
import io.armada.agents.internal.jpa.JpaEntityDao;
import io.armada.core.ApiException;
import io.armada.core.FleetClient;
import io.armada.core.Goperation;
import io.armada.core.Json;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/**
 * The agents and their Goperation routes (index, show, create, delete, edit, update, active, clean, report,
 * status), the cache routes, and the {@link AgentService} API for the shell and later areas. Node reports are
 * {@link NodeReports}', endpoints and entities {@link EntityServiceImpl}'s; the online state all three share is
 * {@link NodeRegistry}.
 */
@Component(service = {AgentService.class, AgentRoutes.class}, configurationPid = AgentsConfiguration.PID)
public class AgentServiceImpl implements AgentService, AgentRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServiceImpl.class);
    static final int DEFAULT_STATUS_EXPIRE = 180;
    private static final ObjectMapper MAPPER = Json.newMapper();

    private final AgentDao dao;
    private final EntityDao entityDao;
    private final AsyncRequests async;
    private final FleetClient fleet;
    private final NodeRegistry registry;
    private final int statusExpire;
    /** How this server calls its nodes: http or https. */
    private final String nodeScheme;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PortsGateway portsGateway;

    @Activate
    public AgentServiceImpl(@Reference(target = "(osgi.unit.name=armada-agents)") JpaTemplate jpa,
            @Reference AsyncRequests async, @Reference FleetClient fleet, @Reference NodeRegistry registry,
            AgentsConfiguration config) {
        this(new JpaAgentDao(new JpaStore(jpa)), new JpaEntityDao(new JpaStore(jpa)), async, fleet, registry,
                config.status_expire_seconds(), nodeScheme(config.node_scheme()));
    }

    /** How the server calls nodes: the setting, else {@code armada.nodes.scheme}, else http. */
    static String nodeScheme(String configured) {
        String v = configured == null || configured.isBlank() ? System.getProperty("armada.nodes.scheme", "")
                : configured;
        v = v == null ? "" : v.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty()) {
            return "http";
        }
        if (!v.equals("http") && !v.equals("https")) {
            throw new IllegalArgumentException("bad io.armada.agents settings: node.scheme must be http or https, not " + v);
        }
        return v;
    }

    AgentServiceImpl(AgentDao dao, EntityDao entityDao, AsyncRequests async, FleetClient fleet, NodeRegistry registry,
            int statusExpire) {
        this(dao, entityDao, async, fleet, registry, statusExpire, "http");
    }

    AgentServiceImpl(AgentDao dao, EntityDao entityDao, AsyncRequests async, FleetClient fleet, NodeRegistry registry,
            int statusExpire, String nodeScheme) {
        if (statusExpire < 0) {
            throw new IllegalArgumentException("bad io.armada.agents settings: status expire " + statusExpire + " s");
        }
        this.dao = dao;
        this.entityDao = entityDao;
        this.async = async;
        this.fleet = fleet;
        this.registry = registry;
        this.statusExpire = statusExpire;
        this.nodeScheme = nodeScheme;
    }

    private long now() {
        return registry.now();
    }

    PortsGateway ports() {
        PortsGateway g = portsGateway;
        if (g == null) {
            throw ApiException.unavailable(PortsGateway.UNAVAILABLE);
        }
        return g;
    }

    // ================================================================== agents (wire)

    @Override
    public Page index(String agentType, String order, boolean desc, boolean deleted, Integer pageNum) {
        int page = Goperation.page(pageNum);
        AgentDao.Page p = dao.page(agentType, deleted, order, desc, Goperation.offset(page), Goperation.ROWS_PER_PAGE);
        Goperation.checkPage(page, p.total());
        Map<Long, List<String>> endpoints = entityDao.endpoints(p.rows().stream().map(a -> a.agentId()).toList());
        List<AgentInfo> rows = p.rows().stream().map(a -> info(a, endpoints.getOrDefault(a.agentId(), List.of())))
                .toList();
        return new Page(p.total(), page, rows);
    }

    @Override
    public List<Long> liveIds() {
        return dao.liveIds().stream().sorted().toList();
    }

    @Override
    public AgentDetail show(String raw, boolean ports, boolean entitys) {
        AgentRow a = AgentLookup.one(dao, raw);
        List<String> names = entityDao.endpoints(a.agentId());
        Map<String, List<EntityInfo>> endpoints = new TreeMap<>();
        for (String e : names) {
            endpoints.put(e, new ArrayList<>());
        }
        if (entitys) {
            Map<String, Map<Long, List<Integer>>> portMap = ports ? ports().ofAgent(a.agentId()) : Map.of();
            for (EntityRow n : entityDao.entitiesOfAgent(a.agentId())) {
                List<Integer> held = portMap.getOrDefault(n.endpoint(), Map.of()).getOrDefault(n.entity(), List.of());
                endpoints.computeIfAbsent(n.endpoint(), x -> new ArrayList<>()).add(n.toInfo(held));
            }
        }
        long now = now();
        return new AgentDetail(info(a, names), endpoints, registry.metadata(a.agentId(), now),
                registry.services(a.agentId(), now));
    }

    @Override
    public AgentInfo create(NewAgent body) {
        String host = AgentRules.hostname(body.host());
        String agentType = AgentRules.agentType(body.agentType());
        int cpu = (int) Math.min(Integer.MAX_VALUE, AgentRules.figure(body.cpu(), "cpu"));
        long memory = AgentRules.figure(body.memory(), "memory");
        long disk = AgentRules.figure(body.disk(), "disk");
        List<String> range = AgentRules.portsRange(body.portsRange());
        List<String> endpoints = AgentRules.endpoints(body.endpoints());
        AgentRow a = new AgentRow(null, host, agentType, AgentStatus.UNACTIVE, cpu, memory, disk,
                AgentLookup.json(range), registry.nowSeconds(), null, null, null, null);
        try {
            if (dao.findLiveByHost(a.host()).isPresent()) {
                // the unique ACTIVE_HOST is the guarantee; this only spares the log a refused insert
                throw new DuplicateKeyException("host exists", null);
            }
            a = dao.create(a, endpoints);
        } catch (DuplicateKeyException dup) {
            throw ApiException.refused("Create agent fail,AgentHostExist:Agent with host " + a.host()
                    + " alreday eixst");
        }
        LOG.info("Agent {} ({}) created", a.agentId(), a.host());
        return info(a, endpoints);
    }

    @Override
    public AgentInfo delete(String raw, boolean force) {
        AgentRow a = markDeleted(AgentLookup.one(dao, raw).agentId(), force);
        return info(a, entityDao.endpoints(a.agentId()));
    }

    private AgentRow markDeleted(long agentId, boolean force) {
        long now = now();
        JsonNode metadata = registry.metadata(agentId, now);
        AgentRow a = dao.markDeleted(agentId, x -> {
            if (!force && metadata == null) {
                throw ApiException.unavailable("Can not delete offline agent, try force");
            }
        });
        registry.evict(agentId);
        registry.forgetOnline(agentId);
        LOG.info("Agent {} ({}) deleted", a.agentId(), a.host());
        return a;
    }

    @Override
    public void edit(String raw, Map<String, Object> body) {
        AgentRow a = AgentLookup.one(dao, raw);
        UnaryOperator<AgentRow> change = AgentRules.changes(body, true, true);
        try {
            dao.change(a.agentId(), change);
        } catch (DuplicateKeyException dup) {
            throw ApiException.refused("Update agent fail, another live agent has host " + body.get("host"));
        }
        registry.evict(a.agentId());
    }

    @Override
    public List<AgentInfo> update(String raw, Map<String, Object> body) {
        List<AgentTarget> targets = targets(raw);
        UnaryOperator<AgentRow> change = AgentRules.changes(body, false, targets.size() == 1);
        List<AgentRow> changed;
        try {
            changed = dao.changeAll(targets.stream().map(AgentTarget::agentId).toList(), change);
        } catch (DuplicateKeyException dup) {
            throw ApiException.refused("Update agent fail, another live agent has host " + body.get("host"));
        }
        Map<Long, List<String>> endpoints = entityDao.endpoints(changed.stream().map(a -> a.agentId()).toList());
        List<AgentInfo> out = new ArrayList<>();
        for (AgentRow a : changed) {
            registry.evict(a.agentId());
            out.add(info(a, endpoints.getOrDefault(a.agentId(), List.of())));
        }
        return out;
    }

    @Override
    public Activated active(String raw, Integer status) {
        int s = AgentRules.activeStatus(status);
        AgentRow a = AgentLookup.one(dao, raw);
        AgentRow changed = setActive(a.agentId(), s);
        return new Activated(info(changed, entityDao.endpoints(changed.agentId())),
                registry.metadata(changed.agentId(), now()));
    }

    private AgentRow setActive(long agentId, int status) {
        if (registry.metadata(agentId, now()) == null) {
            throw ApiException.unavailable("Can not active or unactive a offline agent: " + agentId);
        }
        AgentRow a = dao.change(agentId, x -> x.withStatus(status));
        registry.evict(agentId);
        LOG.info("Agent {} ({}) is now {}", agentId, a.host(), AgentStatus.name(status));
        return a;
    }

    @Override
    public void clean(String raw) {
        long id = Goperation.oneAgent(raw);
        AgentRow a = dao.clean(id);
        registry.evict(id);
        registry.forgetOnline(id);
        LOG.info("Deleted agent {} ({}) cleaned", id, a.host());
    }

    /** Goperation's report route: metadata cached for expire (+60 s), or an online agent's time extended. */
    @Override
    public void report(String raw, JsonNode metadata, Integer expire) {
        AgentRow a = AgentLookup.one(dao, raw);
        if (expire == null) {
            throw ApiException.badRequest("Can not find argument: expire");
        }
        if (expire < 0) {
            throw ApiException.badRequest("Argument value type error: expire is negative");
        }
        long ttl = (expire + 60L) * 1000L;
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) {
                throw ApiException.badRequest("json not match error schema: 'metadata' must be an object");
            }
            registry.cache(a.agentId(), now(), ttl, metadata);
        } else {
            registry.extend(a.agentId(), now(), ttl);
        }
    }

    /** {@code GET /v1.0/agents/{ids}/status}: an async request that asks each node for its resources. */
    @Override
    public AsyncHandle status(String raw, Long requestTime, Long finishtime, Long deadline, Integer expire) {
        List<AgentTarget> targets = targets(raw);
        AsyncTiming timing = async.timing(requestTime, finishtime, deadline, expire, statusExpire);
        AgentTask task = (target, timeout) -> fleet.send("POST", target.baseUrl() + StatusAnswers.PATH, Map.of(),
                timeout).thenApply(StatusAnswers::fromMonitor);
        return async.submit("status_agent", timing, targets, task);
    }

    // ================================================================== caches (wire)

    @Override
    public void flush(boolean online) {
        registry.clearIndex();
        if (online) {
            registry.clearOnline();
        }
        LOG.info("Agent caches flushed{}", online ? " (online state too)" : "");
    }

    @Override
    public Long online(String host, String agentType, JsonNode metadata, Integer expire) {
        String h = AgentRules.hostname(host);
        if (agentType == null) {
            throw ApiException.badRequest("Can not find argument: agent_type");
        }
        if (metadata == null || !metadata.isObject()) {
            throw ApiException.badRequest("Can not find argument: metadata");
        }
        if (expire == null || expire < 0) {
            throw ApiException.badRequest("Can not find argument: expire");
        }
        Optional<AgentRow> a = dao.findLiveByHost(h).filter(x -> agentType.equals(x.agentType()));
        if (a.isEmpty()) {
            LOG.info("Cache online called but no Agent found for {} ({})", h, agentType);
            return null;
        }
        registry.cache(a.get().agentId(), now(), expire * 1000L, metadata);
        return a.get().agentId();
    }

    // ================================================================== AgentService (API)

    private AgentInfo info(AgentRow a, List<String> endpoints) {
        long now = now();
        return new AgentInfo(a.agentId(), a.host(), a.agentType(), a.status(), a.cpu(), a.memory(), a.disk(), AgentLookup.portsRange(a),
                endpoints, a.createTime(), a.nodeUuid(), a.ip(), a.nodePort(), registry.isOnline(a.agentId(), now),
                registry.lastReport(a.agentId(), a.lastReport()));
    }

    @Override
    public List<AgentInfo> list(boolean deleted) {
        List<AgentRow> all = dao.all(deleted);
        Map<Long, List<String>> endpoints = entityDao.endpoints(all.stream().map(a -> a.agentId()).toList());
        return all.stream().map(a -> info(a, endpoints.getOrDefault(a.agentId(), List.of()))).toList();
    }

    @Override
    public Optional<AgentInfo> find(long agentId) {
        return dao.find(agentId).map(a -> info(a, entityDao.endpoints(a.agentId())));
    }

    @Override
    public Optional<AgentInfo> findByIp(String ip) {
        return dao.findLiveByIp(ip).map(a -> info(a, entityDao.endpoints(a.agentId())));
    }

    @Override
    public Map<String, Object> metadata(long agentId) {
        JsonNode m = registry.metadata(agentId, now());
        return m == null ? null : MAPPER.convertValue(m, new TypeReference<Map<String, Object>>() {
        });
    }

    @Override
    public AgentInfo activate(long agentId, int status) {
        int s = AgentRules.activeStatus(status);
        AgentLookup.live(dao, agentId).orElseThrow(() -> AgentLookup.unknown(agentId));
        AgentRow a = setActive(agentId, s);
        return info(a, entityDao.endpoints(agentId));
    }

    @Override
    public AgentInfo delete(long agentId, boolean force) {
        AgentLookup.live(dao, agentId).orElseThrow(() -> AgentLookup.unknown(agentId));
        AgentRow a = markDeleted(agentId, force);
        return info(a, entityDao.endpoints(agentId));
    }

    @Override
    public List<AgentTarget> targets(String selection) {
        Goperation.AgentSelection s = Goperation.agents(selection);
        List<AgentRow> rows;
        if (s.all()) {
            rows = dao.all(false);
        } else {
            rows = dao.live(s.ids());
            AgentRules.checkKnown(s.ids(), rows.stream().map(a -> a.agentId()).collect(java.util.stream.Collectors.toSet()));
        }
        return rows.stream().map(a -> new AgentTarget(a.agentId(), a.host(), a.ip(), a.nodePort(), nodeScheme)).toList();
    }


}
