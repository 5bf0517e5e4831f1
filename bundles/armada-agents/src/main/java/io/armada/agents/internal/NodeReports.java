package io.armada.agents.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.agents.AgentStatus;
import io.armada.agents.NodeReportIntake;
import io.armada.agents.internal.jpa.JpaAgentDao;
import io.armada.core.ApiException;
import io.armada.core.Timers;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/**
 * Node report intake: the hot path of SPEC §6. A node already known answers from memory ({@link NodeRegistry});
 * the database is written when a node is new (the agent row, durably, before the answer) or its figures change,
 * and the last-report times are written in batches every few seconds by one thread.
 */
@Component(service = NodeReportIntake.class, configurationPid = AgentsConfiguration.PID)
public class NodeReports implements NodeReportIntake {
    private static final Logger LOG = LoggerFactory.getLogger(NodeReports.class);
    static final String NODE_AGENT_TYPE = "node";
    private static final int STRIPES = 64;

    private final AgentDao dao;
    private final NodeRegistry registry;
    private final long windowMillis;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Timers.Scheduled flusher;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = io.armada.core.Json.newMapper();
    private volatile Timers.Scheduled sharer;
    private volatile long readCursorMillis;
    private volatile long shareMarginMillis;
    private volatile String self;
    private final int createsPerMinute;
    private final int maxReportBytes;
    /** The minute (epoch millis / 60,000) that {@link #createdThisMinute} counts. */
    private long createMinute = -1;
    private int createdThisMinute;

    @Activate
    public NodeReports(@Reference(target = "(osgi.unit.name=armada-agents)") JpaTemplate jpa,
            @Reference NodeRegistry registry, @Reference Timers timer, AgentsConfiguration config) {
        this(new JpaAgentDao(new JpaStore(jpa)), registry, timer,
                (long) config.report_interval_seconds() * config.online_intervals() * 1000L,
                config.last_report_flush_seconds(), config.report_creates_per_minute(), config.report_max_bytes());
        if (config.online_share_seconds() > 0) {
            shareEvery(timer, config.online_share_seconds());
        }
    }

    /**
     * Several servers on one database: every {@code seconds}, writes the online state of the nodes that reported
     * here and takes what the other servers wrote (the first time, every node still online on another server: a
     * restarted server knows at once who is online there; its own nodes come back with their next report).
     */
    void shareEvery(Timers timer, int seconds) {
        shareEvery(timer, seconds, io.armada.persistence.ServerLeases.serverName(null));
    }

    void shareEvery(Timers timer, int seconds, String self) {
        this.self = self;
        shareMarginMillis = 60_000L + 3L * seconds * 1000;
        readCursorMillis = registry.now() - windowMillis; // this server's clock, once: then the rows' own
        sharer = timer.every("the online state sharing", this::shareOnline, seconds, TimeUnit.SECONDS);
    }

    /** Writes this server's changed online states, then reads the others'. */
    void shareOnline() {
        try {
            List<NodeRegistry.Shared> mine = registry.unshared();
            if (!mine.isEmpty()) {
                dao.shareOnline(self, mine.stream().map(x -> new AgentDao.OnlineRow(x.agentId(), x.seenMillis(),
                        x.expiresMillis(), json(x.metadata()), json(x.services()))).toList());
                registry.shared(mine);
            }
            long cursor = readCursorMillis;
            long newest = cursor;
            for (AgentDao.OnlineRow r : dao.onlineSince(self, cursor)) {
                newest = Math.max(newest, r.seenMillis());
                registry.merge(new NodeRegistry.Shared(r.agentId(), r.seenMillis(), r.expiresMillis(),
                        node(r.metadata()), node(r.services())));
            }
            // rows are stamped by the clocks of their servers (a minute apart at most) and written every few
            // seconds: look back that margin
            readCursorMillis = Math.max(cursor, Math.max(newest, registry.now()) - shareMarginMillis);
        } catch (RuntimeException e) {
            LOG.warn("Could not share the online state with the other servers: {}", e.toString());
        }
    }

    private static String json(JsonNode n) {
        return n == null ? null : n.toString();
    }

    private static JsonNode node(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    NodeReports(AgentDao dao, NodeRegistry registry, Timers timer, long windowMillis, int flushSeconds) {
        this(dao, registry, timer, windowMillis, flushSeconds, 12000, 65536);
    }

    NodeReports(AgentDao dao, NodeRegistry registry, Timers timer, long windowMillis, int flushSeconds,
            int createsPerMinute, int maxReportBytes) {
        if (windowMillis < 1000 || flushSeconds < 1) {
            throw new IllegalArgumentException("bad io.armada.agents settings: online window " + windowMillis
                    + " ms, last report flush " + flushSeconds + " s");
        }
        if (createsPerMinute < 1 || maxReportBytes < 1024) {
            throw new IllegalArgumentException("bad io.armada.agents settings: " + createsPerMinute
                    + " agents created by reports per minute, largest report " + maxReportBytes + " bytes");
        }
        this.dao = dao;
        this.registry = registry;
        this.windowMillis = windowMillis;
        this.createsPerMinute = createsPerMinute;
        this.maxReportBytes = maxReportBytes;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.flusher = timer.every("the last-report flush", this::flushLastReports, flushSeconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        flusher.cancel();
        if (sharer != null) {
            sharer.cancel();
            shareOnline();
        }
        try {
            flushLastReports();
        } catch (RuntimeException e) {
            LOG.warn("Could not write the last report times at stop: {}", e.toString());
        }
    }

    /**
     * {@code POST /v1.0/reports}: a node's resource or service report.
     *
     * @return the agent id of the node
     */
    @Override
    public long ingest(JsonNode body) {
        NodeReport r = NodeReport.parse(body);
        if (r.resource() && size(body) > maxReportBytes) {
            // review M9: the last resource report stays in memory as the agent's metadata
            throw ApiException.badRequest("report is larger than " + maxReportBytes + " bytes");
        }
        NodeRegistry.Known k = registry.known(r.nodeUuid());
        if (k == null) {
            k = resolve(r);
        }
        if (!AgentRules.live(k.status())) {
            throw ApiException.refused("Agent " + k.agentId() + " of node " + r.nodeUuid() + " is deleted");
        }
        if (k.ip() != null && !k.ip().equals(r.ip()) && registry.isOnline(k.agentId(), registry.now())) {
            // review H2: with one fleet token, a report that names another node's uuid could re-point that agent
            // (and the server's calls with the token) to its own address while the real node is live
            throw ApiException.refused("Agent " + k.agentId() + " of node " + r.nodeUuid() + " is held by a live node"
                    + " at " + k.ip() + "; a node that moved is taken at its new address once the old one is offline");
        }
        if (changes(k, r)) {
            k = refresh(k, r);
        }
        registry.seen(k.agentId(), registry.now(), windowMillis, r.resource() ? r.body() : null,
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
                || (r.portsRange() != null && !AgentLookup.json(r.portsRange()).equals(k.portsRange()));
    }

    /** The row with what a report says: where the node answers and, for a resource report, its figures. */
    private static AgentRow figures(AgentRow a, NodeReport r) {
        AgentRow out = a.withAddress(r.ip(), r.port());
        if (r.resource()) {
            out = out.withCpu(r.cpu()).withMemory(r.memoryMb()).withDisk(r.diskMb());
            if (r.portsRange() != null) {
                out = out.withPortsRange(AgentLookup.json(r.portsRange()));
            }
        }
        return out;
    }

    private static NodeRegistry.Known known(AgentRow a) {
        return new NodeRegistry.Known(a.agentId(), a.status(), a.ip(), a.nodePort(), a.portsRange(), a.cpu(), a.memory(), a.disk());
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
            Optional<AgentRow> found = dao.findByNodeUuid(r.nodeUuid());
            AgentRow a = found.orElseGet(() -> createFromReport(r));
            k = known(a);
            registry.remember(r.nodeUuid(), k);
            return k;
        } finally {
            lock.unlock();
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SIZE = io.armada.core.Json.newMapper();

    /** The report's size as JSON (what the registry keeps). */
    static int size(JsonNode body) {
        try {
            return SIZE.writeValueAsBytes(body).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Counts an agent created by a report; false past {@code createsPerMinute} in this minute. */
    private synchronized boolean mayCreate() {
        long minute = registry.now() / 60_000L;
        if (minute != createMinute) {
            createMinute = minute;
            createdThisMinute = 0;
        }
        if (createdThisMinute >= createsPerMinute) {
            return false;
        }
        createdThisMinute++;
        return true;
    }

    private AgentRow createFromReport(NodeReport r) {
        if (!mayCreate()) {
            // review M9: every invented uuid made an agent row and an in-memory entry
            throw ApiException.unavailable("Too many new nodes this minute (" + createsPerMinute
                    + "); node " + r.nodeUuid() + " is taken when it reports again");
        }
        AgentRow a = figures(new AgentRow(null, r.hostname(), NODE_AGENT_TYPE, AgentStatus.UNACTIVE, 0, 0, 0, "[]",
                registry.nowSeconds(), r.nodeUuid(), null, null, null), r);
        try {
            AgentRow created = dao.create(a, List.of());
            LOG.info("Agent {} created from the first report of node {} ({} at {})", created.agentId(), r.nodeUuid(),
                    r.hostname(), r.ip());
            return created;
        } catch (DuplicateKeyException dup) {
            Optional<AgentRow> same = dao.findByNodeUuid(r.nodeUuid());
            if (same.isPresent()) {
                return same.get();
            }
            Optional<AgentRow> host = dao.findLiveByHost(r.hostname());
            if (host.isPresent() && host.get().nodeUuid() == null) {
                AgentRow adopted = dao.adoptNode(host.get().agentId(), r.nodeUuid(), x -> figures(x, r));
                LOG.info("Agent {} ({}) is now reported by node {}", adopted.agentId(), adopted.host(), r.nodeUuid());
                return adopted;
            }
            LOG.warn("Node {} reports as {}, a host name another live agent has", r.nodeUuid(), r.hostname());
            throw ApiException.refused("Create agent fail,AgentHostExist:Agent with host " + r.hostname()
                    + " alreday eixst");
        }
    }

    private NodeRegistry.Known refresh(NodeRegistry.Known k, NodeReport r) {
        try {
            AgentRow a = dao.change(k.agentId(), x -> figures(x, r));
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
}
