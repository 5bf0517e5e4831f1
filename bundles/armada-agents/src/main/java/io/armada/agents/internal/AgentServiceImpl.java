package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.agents.AgentInfo;
import io.armada.agents.AgentService;
import io.armada.agents.AgentStatus;
import io.armada.agents.AgentTarget;
import io.armada.agents.AgentTask;
import io.armada.agents.AsyncHandle;
import io.armada.agents.AsyncRequests;
import io.armada.agents.AsyncTiming;
import io.armada.agents.internal.store.AgentDao;
import io.armada.agents.internal.store.AgentRecord;
import io.armada.agents.internal.store.EntityRecord;
import io.armada.core.ApiException;
import io.armada.core.FleetClient;
import io.armada.core.Goperation;
import io.armada.core.Json;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/**
 * The agents area: agents, endpoints, entities, caches and node reports, with Goperation's rules. The REST
 * resources call the methods that return wire rows (maps in the original's field names); the shell and other
 * bundles use {@link AgentService}.
 *
 * <p>Node reports take the hot path: a node already known answers from memory ({@link NodeRegistry}); the
 * database is written when a node is new (the agent row, durably, before the answer) or its figures change, and
 * the last-report times are written in batches every few seconds by one thread.
 */
@Component(service = {AgentService.class, AgentServiceImpl.class}, configurationPid = AgentsConfiguration.PID)
public class AgentServiceImpl implements AgentService {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServiceImpl.class);
    static final String NODE_AGENT_TYPE = "node";
    static final int DEFAULT_STATUS_EXPIRE = 180;
    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final int STRIPES = 64;

    private final AgentDao dao;
    private final AsyncRequests async;
    private final FleetClient fleet;
    private final LongSupplier clock;
    private final long windowMillis;
    private final int statusExpire;
    private final NodeRegistry registry = new NodeRegistry();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ScheduledFuture<?> flusher;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PortsGateway portsGateway;

    @Activate
    public AgentServiceImpl(@Reference(target = "(osgi.unit.name=armada-agents)") JpaTemplate jpa,
            @Reference AsyncRequests async, @Reference FleetClient fleet, @Reference AgentsTimer timer,
            AgentsConfiguration config) {
        this(new AgentDao(new JpaStore(jpa)), async, fleet, timer, System::currentTimeMillis,
                (long) config.report_interval_seconds() * config.online_intervals() * 1000L,
                config.status_expire_seconds(), config.last_report_flush_seconds());
    }

    AgentServiceImpl(AgentDao dao, AsyncRequests async, FleetClient fleet, AgentsTimer timer, LongSupplier clock,
            long windowMillis, int statusExpire, int flushSeconds) {
        if (windowMillis < 1000 || flushSeconds < 1 || statusExpire < 0) {
            throw new IllegalArgumentException("bad io.armada.agents settings: online window " + windowMillis
                    + " ms, last report flush " + flushSeconds + " s, status expire " + statusExpire + " s");
        }
        this.dao = dao;
        this.async = async;
        this.fleet = fleet;
        this.clock = clock;
        this.windowMillis = windowMillis;
        this.statusExpire = statusExpire;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.flusher = timer.every("the last-report flush", this::flushLastReports, flushSeconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        flusher.cancel(false);
        try {
            flushLastReports();
        } catch (RuntimeException e) {
            LOG.warn("Could not write the last report times at stop: {}", e.toString());
        }
    }

    long now() {
        return clock.getAsLong();
    }

    long nowSeconds() {
        return clock.getAsLong() / 1000;
    }

    PortsGateway ports() {
        PortsGateway g = portsGateway;
        if (g == null) {
            throw ApiException.unavailable(PortsGateway.UNAVAILABLE);
        }
        return g;
    }

    // ================================================================== node reports

    /**
     * {@code POST /v1.0/reports}: a node's resource or service report.
     *
     * @return the agent id of the node
     */
    public long ingest(JsonNode body) {
        NodeReport r = NodeReport.parse(body);
        NodeRegistry.Known k = registry.known(r.nodeUuid());
        if (k == null) {
            k = resolve(r);
        }
        if (!AgentRules.live(k.status())) {
            throw ApiException.refused("Agent " + k.agentId() + " of node " + r.nodeUuid() + " is deleted");
        }
        if (changes(k, r)) {
            k = refresh(k, r);
        }
        registry.seen(k.agentId(), now(), windowMillis, r.resource() ? r.body() : null,
                r.resource() ? null : r.body().get("data"));
        return k.agentId();
    }

    private static boolean changes(NodeRegistry.Known k, NodeReport r) {
        if (!r.ip().equals(k.ip()) || !r.port().equals(k.port())) {
            return true;
        }
        if (!r.resource()) {
            return false;
        }
        return r.cpu() != k.cpu() || r.memoryMb() != k.memory() || r.diskMb() != k.disk()
                || (r.portsRange() != null && !json(r.portsRange()).equals(k.portsRange()));
    }

    private static void figures(AgentRecord a, NodeReport r) {
        a.ip = r.ip();
        a.nodePort = r.port();
        if (r.resource()) {
            a.cpu = r.cpu();
            a.memory = r.memoryMb();
            a.disk = r.diskMb();
            if (r.portsRange() != null) {
                a.portsRange = json(r.portsRange());
            }
        }
    }

    private static NodeRegistry.Known known(AgentRecord a) {
        return new NodeRegistry.Known(a.agentId, a.status, a.ip, a.nodePort, a.portsRange, a.cpu, a.memory, a.disk);
    }

    /** The slow path: a node uuid not in memory. Read it, or create its agent durably. */
    private NodeRegistry.Known resolve(NodeReport r) {
        ReentrantLock lock = stripes[Math.floorMod(r.nodeUuid().hashCode(), STRIPES)];
        lock.lock();
        try {
            NodeRegistry.Known k = registry.known(r.nodeUuid());
            if (k != null) {
                return k;
            }
            Optional<AgentRecord> found = dao.findByNodeUuid(r.nodeUuid());
            AgentRecord a = found.orElseGet(() -> createFromReport(r));
            k = known(a);
            registry.remember(r.nodeUuid(), k);
            return k;
        } finally {
            lock.unlock();
        }
    }

    private AgentRecord createFromReport(NodeReport r) {
        AgentRecord a = new AgentRecord();
        a.host = r.hostname();
        a.activeHost = r.hostname();
        a.agentType = NODE_AGENT_TYPE;
        a.status = AgentStatus.UNACTIVE;
        a.portsRange = "[]";
        a.createTime = nowSeconds();
        a.nodeUuid = r.nodeUuid();
        figures(a, r);
        try {
            AgentRecord created = dao.create(a, List.of());
            LOG.info("Agent {} created from the first report of node {} ({} at {})", created.agentId, r.nodeUuid(),
                    r.hostname(), r.ip());
            return created;
        } catch (DuplicateKeyException dup) {
            Optional<AgentRecord> same = dao.findByNodeUuid(r.nodeUuid());
            if (same.isPresent()) {
                return same.get();
            }
            Optional<AgentRecord> host = dao.findLiveByHost(r.hostname());
            if (host.isPresent() && host.get().nodeUuid == null) {
                AgentRecord adopted = dao.adoptNode(host.get().agentId, r.nodeUuid(), x -> figures(x, r));
                LOG.info("Agent {} ({}) is now reported by node {}", adopted.agentId, adopted.host, r.nodeUuid());
                return adopted;
            }
            LOG.warn("Node {} reports as {}, a host name another live agent has", r.nodeUuid(), r.hostname());
            throw ApiException.refused("Create agent fail,AgentHostExist:Agent with host " + r.hostname()
                    + " alreday eixst");
        }
    }

    private NodeRegistry.Known refresh(NodeRegistry.Known k, NodeReport r) {
        try {
            AgentRecord a = dao.change(k.agentId(), x -> figures(x, r));
            NodeRegistry.Known fresh = known(a);
            registry.remember(r.nodeUuid(), fresh);
            return fresh;
        } catch (ApiException gone) {
            // deleted meanwhile (through another server): read again at the next report
            registry.evict(k.agentId());
            throw gone;
        }
    }

    /** Writes the last-report times of the agents that reported since the last flush. */
    void flushLastReports() {
        Map<Long, Long> due = registry.unflushed();
        if (due.isEmpty()) {
            return;
        }
        try {
            dao.lastReports(due);
            registry.flushed(due);
        } catch (RuntimeException e) {
            LOG.warn("Could not write the last report times of {} agents: {}", due.size(), e.toString());
        }
    }

    // ================================================================== agents (wire)

    /** A page of agent rows. */
    public record Page(long total, int pagenum, List<Map<String, Object>> rows) {
    }

    public Page index(String agentType, String order, boolean desc, boolean deleted, Integer pageNum) {
        int page = Paging.page(pageNum);
        AgentDao.Page p = dao.page(agentType, deleted, order, desc, Paging.offset(page), Paging.ROWS_PER_PAGE);
        Paging.check(page, p.total());
        Map<Long, List<String>> endpoints = dao.endpoints(p.rows().stream().map(a -> a.agentId).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AgentRecord a : p.rows()) {
            Map<String, Object> m = summary(a);
            m.put("endpoints", endpoints.getOrDefault(a.agentId, List.of()));
            m.put("create_time", a.createTime);
            rows.add(m);
        }
        return new Page(p.total(), page, rows);
    }

    public List<Long> liveIds() {
        return dao.liveIds().stream().sorted().toList();
    }

    /**
     * One live agent by path value (Goperation's AgentIdformater). An unknown or deleted id is the original's
     * NoResultFound, 404 (issue 10); a list naming unknown ids stays 400 ({@link AgentRules#checkKnown}).
     */
    AgentRecord one(String raw) {
        long id = Goperation.oneAgent(raw);
        return liveRecord(id).orElseThrow(() -> unknown(id));
    }

    static ApiException unknown(long agentId) {
        return ApiException.notFound("agents id [" + agentId + "] can not be found");
    }

    Optional<AgentRecord> liveRecord(long agentId) {
        return dao.find(agentId).filter(a -> AgentRules.live(a.status));
    }

    List<String> portsRange(AgentRecord a) {
        try {
            return a.portsRange == null || a.portsRange.isBlank() ? List.of()
                    : MAPPER.readValue(a.portsRange, new TypeReference<List<String>>() {
                    });
        } catch (JsonProcessingException e) {
            LOG.warn("Agent {} has an unreadable ports_range", a.agentId);
            return List.of();
        }
    }

    public Map<String, Object> show(String raw, boolean ports, boolean entitys) {
        AgentRecord a = one(raw);
        Map<String, List<Map<String, Object>>> endpoints = new TreeMap<>();
        for (String e : dao.endpoints(a.agentId)) {
            endpoints.put(e, new ArrayList<>());
        }
        if (entitys) {
            Map<String, Map<Long, List<Integer>>> portMap = ports ? ports().ofAgent(a.agentId) : Map.of();
            for (EntityRecord n : dao.entitiesOfAgent(a.agentId)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("entity", n.entity);
                m.put("ports", portMap.getOrDefault(n.endpoint, Map.of()).getOrDefault(n.entity, List.of()));
                endpoints.computeIfAbsent(n.endpoint, x -> new ArrayList<>()).add(m);
            }
        }
        long now = now();
        Map<String, Object> m = summary(a);
        m.put("ports_range", portsRange(a));
        m.put("endpoints", endpoints);
        m.put("metadata", registry.metadata(a.agentId, now));
        m.put("create_time", a.createTime);
        m.put("ip", a.ip);
        m.put("port", a.nodePort);
        m.put("online", registry.isOnline(a.agentId, now));
        m.put("last_report", lastReport(a));
        m.put("services", registry.services(a.agentId, now));
        return m;
    }

    private Long lastReport(AgentRecord a) {
        Long mine = registry.lastSeenSeconds(a.agentId);
        if (mine == null) {
            return a.lastReport;
        }
        return a.lastReport == null ? mine : Math.max(mine, a.lastReport);
    }

    /** The body of {@code POST /v1.0/agents}. */
    public record NewAgent(String host, String agentType, Number cpu, Number memory, Number disk,
            List<String> portsRange, Object endpoints) {
    }

    public Map<String, Object> create(NewAgent body) {
        AgentRecord a = new AgentRecord();
        a.host = AgentRules.hostname(body.host());
        a.activeHost = a.host;
        a.agentType = AgentRules.agentType(body.agentType());
        a.cpu = (int) Math.min(Integer.MAX_VALUE, AgentRules.figure(body.cpu(), "cpu"));
        a.memory = AgentRules.figure(body.memory(), "memory");
        a.disk = AgentRules.figure(body.disk(), "disk");
        List<String> range = AgentRules.portsRange(body.portsRange());
        a.portsRange = json(range);
        List<String> endpoints = AgentRules.endpoints(body.endpoints());
        a.status = AgentStatus.UNACTIVE;
        a.createTime = nowSeconds();
        try {
            if (dao.findLiveByHost(a.host).isPresent()) {
                // the unique ACTIVE_HOST is the guarantee; this only spares the log a refused insert
                throw new DuplicateKeyException("host exists", null);
            }
            dao.create(a, endpoints);
        } catch (DuplicateKeyException dup) {
            throw ApiException.refused("Create agent fail,AgentHostExist:Agent with host " + a.host
                    + " alreday eixst");
        }
        LOG.info("Agent {} ({}) created", a.agentId, a.host);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", a.agentId);
        m.put("host", a.host);
        m.put("status", a.status);
        m.put("ports_range", range);
        m.put("endpoints", endpoints);
        return m;
    }

    public Map<String, Object> delete(String raw, boolean force) {
        AgentRecord a = markDeleted(one(raw).agentId, force);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", a.agentId);
        m.put("host", a.host);
        m.put("status", a.status);
        m.put("metadata", null);
        m.put("ports_range", portsRange(a));
        return m;
    }

    /** The fields every agent answer starts with (list, show, update), in Goperation's order. */
    private static Map<String, Object> summary(AgentRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", a.agentId);
        m.put("host", a.host);
        m.put("agent_type", a.agentType);
        m.put("status", a.status);
        m.put("cpu", a.cpu);
        m.put("memory", a.memory);
        m.put("disk", a.disk);
        return m;
    }

    private AgentRecord markDeleted(long agentId, boolean force) {
        long now = now();
        JsonNode metadata = registry.metadata(agentId, now);
        AgentRecord a = dao.markDeleted(agentId, x -> {
            if (!force && metadata == null) {
                throw ApiException.unavailable("Can not delete offline agent, try force");
            }
        });
        registry.evict(agentId);
        registry.forgetOnline(agentId);
        LOG.info("Agent {} ({}) deleted", a.agentId, a.host);
        return a;
    }

    /**
     * Validated column changes of {@code edit} (PATCH, one agent) and {@code update} (PUT, one or more agents).
     *
     * @param allowStatus edit may set the busy statuses; update may not
     * @param allowHost a host can only be given to one agent
     */
    Consumer<AgentRecord> changes(Map<String, Object> body, boolean allowStatus, boolean allowHost) {
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("Not data exist");
        }
        List<Consumer<AgentRecord>> steps = new ArrayList<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "host" -> {
                    if (!allowHost) {
                        throw ApiException.badRequest("host can only be changed on one agent");
                    }
                    String h = AgentRules.hostname(string(v, "host"));
                    steps.add(a -> a.host = h);
                }
                case "agent_type" -> {
                    String t = AgentRules.agentType(string(v, "agent_type"));
                    steps.add(a -> a.agentType = t);
                }
                case "cpu" -> {
                    long c = AgentRules.figure(number(v, "cpu"), "cpu");
                    steps.add(a -> a.cpu = (int) Math.min(Integer.MAX_VALUE, c));
                }
                case "memory" -> {
                    long m = AgentRules.figure(number(v, "memory"), "memory");
                    steps.add(a -> a.memory = m);
                }
                case "disk" -> {
                    long d = AgentRules.figure(number(v, "disk"), "disk");
                    steps.add(a -> a.disk = d);
                }
                case "ports_range" -> {
                    String r = json(AgentRules.portsRange(strings(v, "ports_range")));
                    steps.add(a -> a.portsRange = r);
                }
                case "status" -> {
                    if (!allowStatus) {
                        throw ApiException.badRequest("status is changed through active and delete");
                    }
                    int s = AgentRules.editableStatus(number(v, "status").intValue());
                    steps.add(a -> a.status = s);
                }
                default -> throw ApiException.badRequest("Argument " + e.getKey() + " can not be changed");
            }
        }
        return a -> steps.forEach(s -> s.accept(a));
    }

    public Map<String, Object> edit(String raw, Map<String, Object> body) {
        AgentRecord a = one(raw);
        Consumer<AgentRecord> change = changes(body, true, true);
        try {
            dao.change(a.agentId, change);
        } catch (DuplicateKeyException dup) {
            throw ApiException.refused("Update agent fail, another live agent has host " + body.get("host"));
        }
        registry.evict(a.agentId);
        return body;
    }

    public List<Map<String, Object>> update(String raw, Map<String, Object> body) {
        List<AgentTarget> targets = targets(raw);
        Consumer<AgentRecord> change = changes(body, false, targets.size() == 1);
        List<AgentRecord> changed;
        try {
            changed = dao.changeAll(targets.stream().map(AgentTarget::agentId).toList(), change);
        } catch (DuplicateKeyException dup) {
            throw ApiException.refused("Update agent fail, another live agent has host " + body.get("host"));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (AgentRecord a : changed) {
            registry.evict(a.agentId);
            Map<String, Object> m = summary(a);
            m.put("ports_range", portsRange(a));
            out.add(m);
        }
        return out;
    }

    public Map<String, Object> active(String raw, Integer status) {
        int s = AgentRules.activeStatus(status);
        AgentRecord a = one(raw);
        AgentRecord changed = setActive(a.agentId, s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", changed.agentId);
        m.put("host", changed.host);
        m.put("metadata", registry.metadata(changed.agentId, now()));
        m.put("status", changed.status);
        return m;
    }

    private AgentRecord setActive(long agentId, int status) {
        if (registry.metadata(agentId, now()) == null) {
            throw ApiException.unavailable("Can not active or unactive a offline agent: " + agentId);
        }
        AgentRecord a = dao.change(agentId, x -> x.status = status);
        registry.evict(agentId);
        LOG.info("Agent {} ({}) is now {}", agentId, a.host, AgentStatus.name(status));
        return a;
    }

    public void clean(String raw) {
        long id = Goperation.oneAgent(raw);
        AgentRecord a = dao.clean(id);
        registry.evict(id);
        registry.forgetOnline(id);
        LOG.info("Deleted agent {} ({}) cleaned", id, a.host);
    }

    /** Goperation's report route: metadata cached for expire (+60 s), or an online agent's time extended. */
    public void report(String raw, JsonNode metadata, Integer expire) {
        AgentRecord a = one(raw);
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
            registry.cache(a.agentId, now(), ttl, metadata);
        } else {
            registry.extend(a.agentId, now(), ttl);
        }
    }

    /** {@code GET /v1.0/agents/{ids}/status}: an async request that asks each node for its resources. */
    public AsyncHandle status(String raw, Long requestTime, Long finishtime, Long deadline, Integer expire) {
        List<AgentTarget> targets = targets(raw);
        AsyncTiming timing = async.timing(requestTime, finishtime, deadline, expire, statusExpire);
        AgentTask task = (target, timeout) -> fleet.send("POST", target.baseUrl() + StatusAnswers.PATH, Map.of(),
                timeout).thenApply(StatusAnswers::fromMonitor);
        return async.submit("status_agent", timing, targets, task);
    }

    // ================================================================== caches (wire)

    public void flush(boolean online) {
        registry.clearIndex();
        if (online) {
            registry.clearOnline();
        }
        LOG.info("Agent caches flushed{}", online ? " (online state too)" : "");
    }

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
        Optional<AgentRecord> a = dao.findLiveByHost(h).filter(x -> agentType.equals(x.agentType));
        if (a.isEmpty()) {
            LOG.info("Cache online called but no Agent found for {} ({})", h, agentType);
            return null;
        }
        registry.cache(a.get().agentId, now(), expire * 1000L, metadata);
        return a.get().agentId;
    }

    // ================================================================== endpoints (wire)

    private List<Map<String, Object>> entityRows(List<EntityRecord> entities, Map<Long, List<Integer>> ports,
            boolean owner) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EntityRecord n : entities) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (owner) {
                m.put("agent_id", n.agentId);
            }
            m.put("entity", n.entity);
            m.put("desc", n.desc);
            m.put("ports", ports.getOrDefault(n.entity, List.of()));
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> endpointRow(long agentId, String endpoint, Map<String, Map<Long, List<Integer>>> ports) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", agentId);
        m.put("endpoint", endpoint);
        m.put("entitys", entityRows(dao.entities(agentId, endpoint), ports.getOrDefault(endpoint, Map.of()), false));
        return m;
    }

    public List<Map<String, Object>> endpoints(String raw) {
        AgentRecord a = one(raw);
        Map<String, Map<Long, List<Integer>>> ports = ports().ofAgent(a.agentId);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String e : dao.endpoints(a.agentId)) {
            out.add(endpointRow(a.agentId, e, ports));
        }
        return out;
    }

    public List<String> addEndpoints(String raw, Object endpoints) {
        AgentRecord a = one(raw);
        List<String> names = AgentRules.endpoints(endpoints);
        if (names.isEmpty()) {
            throw ApiException.badRequest("Endpoints is None for add endpoints");
        }
        dao.addEndpoints(a.agentId, names);
        return names;
    }

    public Map<String, Object> endpoint(String raw, String endpoint) {
        AgentRecord a = one(raw);
        String e = AgentRules.endpoint(endpoint);
        if (!dao.hasEndpoint(a.agentId, e)) {
            throw ApiException.notFound("Endpoint " + e + " not found on agent " + a.agentId);
        }
        return endpointRow(a.agentId, e, ports().ofAgent(a.agentId));
    }

    public int deleteEndpoints(String raw, String endpoints) {
        AgentRecord a = one(raw);
        List<String> names = AgentRules.endpoints(endpoints);
        if (names.isEmpty()) {
            throw ApiException.badRequest("Endpoints is None for add endpoints");
        }
        int n = dao.deleteEndpoints(a.agentId, names);
        if (n != names.size()) {
            LOG.warn("Delete {} endpoints, but expect count is {}", n, names.size());
        }
        return n;
    }

    public List<Map<String, Object>> endpointAgents(String endpoint) {
        String e = AgentRules.endpoint(endpoint);
        List<AgentRecord> agents = dao.agentsWithEndpoint(e);
        if (agents.isEmpty()) {
            throw ApiException.badRequest("No agent found for " + e);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (AgentRecord a : agents) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agent_id", a.agentId);
            m.put("agent_host", a.host);
            m.put("cpu", a.cpu);
            m.put("memory", a.memory);
            out.add(m);
        }
        return out;
    }

    public List<Map<String, Object>> endpointCount(String endpoints) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String e : AgentRules.endpoints(endpoints)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", e);
            m.put("count", dao.countEndpoint(e));
            out.add(m);
        }
        return out;
    }

    public List<Map<String, Object>> endpointEntities(String endpoint) {
        String e = AgentRules.endpoint(endpoint);
        Map<Long, List<Integer>> ports = ports().ofEndpoint(e);
        return entityRows(dao.entitiesOfEndpoint(e), ports, true);
    }

    // ================================================================== entities (wire)

    public List<Map<String, Object>> entities(String raw, String endpoint, boolean ports) {
        AgentRecord a = one(raw);
        String e = AgentRules.endpoint(endpoint);
        Map<Long, List<Integer>> portMap = ports ? ports().ofAgent(a.agentId).getOrDefault(e, Map.of()) : Map.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (EntityRecord n : dao.entities(a.agentId, e)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entity", n.entity);
            m.put("ports", portMap.getOrDefault(n.entity, List.of()));
            out.add(m);
        }
        return out;
    }

    /** The body of entity creation. */
    public record NewEntity(List<Integer> ports, Boolean notifyAgent, String desc, Long entity) {
    }

    public Map<String, Object> createEntity(String raw, String endpoint, NewEntity body) {
        AgentRecord a = one(raw);
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
            gateway.check(a.agentId, wanted);
        }
        JsonNode metadata = registry.metadata(a.agentId, now());
        Consumer<AgentRecord> online = x -> {
            if (notify && metadata == null) {
                throw ApiException.unavailable("Can not create entity on a offline agent " + x.agentId);
            }
        };
        EntityRecord n = null;
        for (int attempt = 1; n == null; attempt++) {
            try {
                n = dao.createEntity(a.agentId, e, body.entity(), body.desc(), nowSeconds(), online);
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
                allocated = gateway.allocate(a.agentId, e, n.entity, wanted, body.desc());
            } catch (RuntimeException failed) {
                // all or nothing: the entity goes with its ports
                dao.deleteEntity(e, n.entity);
                throw failed;
            }
        }
        LOG.info("Entity {}:{} created on agent {} with ports {}", e, n.entity, a.agentId, allocated);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", n.entity);
        m.put("agent_id", a.agentId);
        m.put("metadata", metadata);
        m.put("endpoint", e);
        m.put("port", allocated);
        return m;
    }

    public Map<String, Object> showEntity(String endpoint, String entity, boolean ports) {
        String e = AgentRules.endpoint(endpoint);
        long number = Goperation.entity(entity);
        EntityRecord n = dao.entity(e, number)
                .orElseThrow(() -> ApiException.notFound("no entity found for " + e));
        List<Integer> list = ports ? ports().ofAgent(n.agentId).getOrDefault(e, Map.of())
                .getOrDefault(n.entity, List.of()) : List.of();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", n.endpoint);
        m.put("agent_id", n.agentId);
        m.put("metadata", registry.metadata(n.agentId, now()));
        m.put("entity", n.entity);
        m.put("desc", n.desc);
        m.put("ports", list);
        return m;
    }

    public void deleteEntity(String endpoint, String entity, boolean force) {
        String e = AgentRules.endpoint(endpoint);
        long number = Goperation.entity(entity);
        EntityRecord n = dao.entity(e, number)
                .orElseThrow(() -> ApiException.notFound("Entity " + number + " of endpoint " + e + " not found"));
        if (!force && registry.metadata(n.agentId, now()) == null) {
            throw ApiException.badRequest("Agent not online or not exist");
        }
        int freed = ports().freeEntity(n.agentId, e, n.entity);
        dao.deleteEntity(e, n.entity);
        LOG.info("Entity {}:{} deleted from agent {}, {} ports freed", e, n.entity, n.agentId, freed);
    }

    /** For the ports area: whether an entity exists on an agent. */
    boolean entityOn(long agentId, String endpoint, long entity) {
        return dao.entity(endpoint.toLowerCase(Locale.ROOT), entity).filter(n -> n.agentId == agentId).isPresent();
    }

    // ================================================================== AgentService (API)

    private AgentInfo info(AgentRecord a, List<String> endpoints) {
        long now = now();
        return new AgentInfo(a.agentId, a.host, a.agentType, a.status, a.cpu, a.memory, a.disk, portsRange(a),
                endpoints, a.createTime, a.nodeUuid, a.ip, a.nodePort, registry.isOnline(a.agentId, now),
                lastReport(a));
    }

    @Override
    public List<AgentInfo> list(boolean deleted) {
        List<AgentRecord> all = dao.all(deleted);
        Map<Long, List<String>> endpoints = dao.endpoints(all.stream().map(a -> a.agentId).toList());
        return all.stream().map(a -> info(a, endpoints.getOrDefault(a.agentId, List.of()))).toList();
    }

    @Override
    public Optional<AgentInfo> find(long agentId) {
        return dao.find(agentId).map(a -> info(a, dao.endpoints(a.agentId)));
    }

    @Override
    public Optional<AgentInfo> findByIp(String ip) {
        return dao.findLiveByIp(ip).map(a -> info(a, dao.endpoints(a.agentId)));
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
        liveRecord(agentId).orElseThrow(() -> unknown(agentId));
        AgentRecord a = setActive(agentId, s);
        return info(a, dao.endpoints(agentId));
    }

    @Override
    public AgentInfo delete(long agentId, boolean force) {
        liveRecord(agentId).orElseThrow(() -> unknown(agentId));
        AgentRecord a = markDeleted(agentId, force);
        return info(a, dao.endpoints(agentId));
    }

    @Override
    public List<AgentTarget> targets(String selection) {
        Goperation.AgentSelection s = Goperation.agents(selection);
        List<AgentRecord> rows;
        if (s.all()) {
            rows = dao.all(false);
        } else {
            rows = dao.live(s.ids());
            AgentRules.checkKnown(s.ids(), rows.stream().map(a -> a.agentId).collect(java.util.stream.Collectors.toSet()));
        }
        return rows.stream().map(a -> new AgentTarget(a.agentId, a.host, a.ip, a.nodePort)).toList();
    }

    /** Agents online right now (for the shell). */
    int onlineCount() {
        return registry.onlineCount(now());
    }

    // ================================================================== helpers

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getMessage(), e);
        }
    }

    private static String string(Object v, String name) {
        if (!(v instanceof String s)) {
            throw ApiException.badRequest("json not match error schema: '" + name + "' must be a string");
        }
        return s;
    }

    private static Number number(Object v, String name) {
        if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
            throw ApiException.badRequest("json not match error schema: '" + name + "' must be an integer");
        }
        return n;
    }

    private static List<String> strings(Object v, String name) {
        if (!(v instanceof Collection<?> c)) {
            throw ApiException.badRequest("json not match error schema: '" + name + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : c) {
            out.add(string(o, name));
        }
        return out;
    }

}
