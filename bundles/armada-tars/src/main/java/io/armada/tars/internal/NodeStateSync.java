package io.armada.tars.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Timers;
import io.armada.persistence.JpaStore;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsStats;
import io.armada.tars.internal.jpa.JpaNodeDao;
import io.armada.tars.internal.jpa.JpaTaskDao;

/**
 * Keeps the server rows' {@code present_state} and {@code process_id} to what the nodes report, and adds a property
 * record per managed service (its {@code cpu} and {@code rss}, policy Avg) for each new report. Reads the reports the
 * agents area keeps in memory (no node is called) every {@value #PERIOD_SECONDS} seconds, less than the nodes' report
 * interval, so a change shows within one report. Exists only while {@link NodeCalls} does (the agents area runs).
 */
@Component(immediate = true)
public class NodeStateSync {
    private static final Logger LOG = LoggerFactory.getLogger(NodeStateSync.class);
    static final long PERIOD_SECONDS = 5;

    private final NodeCalls calls;
    private final NodeDao nodes;
    private final TaskDao servers;
    private final TarsStats stats;
    /** The last report time taken per node IP; bounded by the installed nodes (entries of others are dropped). */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Timers.Scheduled timer;

    @Activate
    public NodeStateSync(@Reference NodeCalls calls, @Reference TarsStats stats,
            @Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa, @Reference Timers timers) {
        this(calls, new JpaNodeDao(new JpaStore(jpa)), new JpaTaskDao(new JpaStore(jpa), io.armada.persistence.ServerLeases.serverName(null)), stats, timers);
    }

    /** For tests: {@code timers} {@code null} schedules nothing ({@link #sync()} is called by the test). */
    NodeStateSync(NodeCalls calls, NodeDao nodes, TaskDao servers, TarsStats stats, Timers timers) {
        this.calls = calls;
        this.nodes = nodes;
        this.servers = servers;
        this.stats = stats;
        // on the shared timer: a sync reads the reports in memory and writes what changed in one small transaction
        timer = timers == null ? null
                : timers.every("the tars nodes' state sync", this::safeSync, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void safeSync() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("Could not take the tars nodes' reports: {}", e.toString());
        }
    }

    /** One pass over the installed nodes; how many rows changed. */
    int sync() {
        int changed = 0;
        List<String> ips = nodes.ips();
        seen.keySet().retainAll(ips);
        for (String ip : ips) {
            Optional<NodeCalls.Report> report = calls.report(ip);
            if (report.isEmpty()) {
                continue; // offline: what it last said stays
            }
            List<ServerConf> rows = servers.serversOn(ip);
            List<TarsStats.PropertyRecord> props = new ArrayList<>();
            boolean fresh = !Long.valueOf(report.get().utc()).equals(seen.put(ip, report.get().utc()));
            for (ServerConf s : rows) {
                Map<String, Object> r = report.get().servers().stream()
                        .filter(m -> s.application().equals(m.get("app")) && s.serverName().equals(m.get("server")))
                        .findFirst().orElse(null);
                String state = r == null ? TarsRules.INACTIVE : String.valueOf(r.get("state"));
                long pid = 0;
                if (r != null && r.get("pids") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number n) {
                    pid = n.longValue();
                }
                if (!state.equals(s.presentState()) || pid != s.processId()) {
                    if (servers.present(s.id(), state, pid)) {
                        changed++;
                    }
                }
                if (fresh && r != null) {
                    long t = report.get().utc() > 0 ? report.get().utc() : Instant.now().getEpochSecond();
                    String name = s.application() + "." + s.serverName();
                    if (r.get("cpu") instanceof Number cpu) {
                        props.add(new TarsStats.PropertyRecord(t, name, ip, "cpu", "Avg", cpu.doubleValue()));
                    }
                    if (r.get("rss") instanceof Number rss) {
                        props.add(new TarsStats.PropertyRecord(t, name, ip, "rss", "Avg", rss.doubleValue()));
                    }
                }
            }
            if (!props.isEmpty()) {
                stats.reportProperty(props);
            }
        }
        return changed;
    }
}
