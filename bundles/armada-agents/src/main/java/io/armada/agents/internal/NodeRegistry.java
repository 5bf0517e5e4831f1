package io.armada.agents.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the server keeps in memory about nodes: which agent a node uuid is (with the figures last written, to see
 * when a report changes them) and each agent's online state (last report, metadata). The hot path of the reports
 * reads and writes only this; the database is touched when a node is new or its figures change, and periodically
 * for the last-report times.
 *
 * <p>Lost on restart by design: online state rebuilds from the next report of each node (within one interval).
 * One instance is shared by the report intake, the agent routes and the entity routes; it also holds the clock
 * they all read, so a test can drive it.
 */
@Component(service = NodeRegistry.class)
public final class NodeRegistry {

    /** An agent as the report path compares it: the durable fields a report may change. */
    record Known(long agentId, int status, String ip, Integer port, String portsRange, int cpu, long memory,
            long disk) {
    }

    /** One agent's online state. */
    static final class Online {
        volatile long lastSeenMillis;
        volatile long expiresAtMillis;
        volatile JsonNode metadata;
        volatile JsonNode services;
        volatile long flushedSeconds;
        /** The last report written for the other servers (or read from them), epoch millis. */
        volatile long sharedMillis;
    }

    /** One agent's online state, to share with the other servers on the database. */
    record Shared(long agentId, long seenMillis, long expiresMillis, JsonNode metadata, JsonNode services) {
    }

    private final ConcurrentHashMap<String, Known> byUuid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Online> online = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public NodeRegistry() {
        this(System::currentTimeMillis);
    }

    NodeRegistry(LongSupplier clock) {
        this.clock = clock;
    }

    /** Epoch milliseconds. */
    long now() {
        return clock.getAsLong();
    }

    /** Epoch seconds. */
    long nowSeconds() {
        return clock.getAsLong() / 1000;
    }

    /** Epoch seconds of the last report: this server's, or the one last written by any server. */
    Long lastReport(long agentId, Long written) {
        Long mine = lastSeenSeconds(agentId);
        if (mine == null) {
            return written;
        }
        return written == null ? mine : Math.max(mine, written);
    }

    Known known(String nodeUuid) {
        return byUuid.get(nodeUuid);
    }

    void remember(String nodeUuid, Known known) {
        byUuid.put(nodeUuid, known);
    }

    /** Drops what is cached about an agent (after a change through the API). */
    void evict(long agentId) {
        byUuid.values().removeIf(k -> k.agentId() == agentId);
    }

    void forgetOnline(long agentId) {
        online.remove(agentId);
    }

    /** A report arrived. */
    void seen(long agentId, long now, long windowMillis, JsonNode metadata, JsonNode services) {
        Online o = online.computeIfAbsent(agentId, id -> new Online());
        o.lastSeenMillis = now;
        o.expiresAtMillis = Math.max(o.expiresAtMillis, now + windowMillis);
        if (metadata != null) {
            o.metadata = metadata;
        }
        if (services != null) {
            o.services = services;
        }
    }

    /** Goperation's online cache: metadata with an explicit time to live. */
    void cache(long agentId, long now, long ttlMillis, JsonNode metadata) {
        Online o = online.computeIfAbsent(agentId, id -> new Online());
        o.lastSeenMillis = now;
        o.expiresAtMillis = now + ttlMillis;
        if (metadata != null) {
            o.metadata = metadata;
        }
    }

    /** Goperation's report without metadata: extends an online agent's time to live. */
    boolean extend(long agentId, long now, long ttlMillis) {
        Online o = online.get(agentId);
        if (o == null || o.expiresAtMillis <= now) {
            return false;
        }
        o.lastSeenMillis = now;
        o.expiresAtMillis = Math.max(o.expiresAtMillis, now + ttlMillis);
        return true;
    }

    boolean isOnline(long agentId, long now) {
        Online o = online.get(agentId);
        return o != null && o.expiresAtMillis > now;
    }

    /** The last resource report, {@code null} when offline. */
    JsonNode metadata(long agentId, long now) {
        Online o = online.get(agentId);
        return o != null && o.expiresAtMillis > now ? o.metadata : null;
    }

    /** The last service states, {@code null} when offline. */
    JsonNode services(long agentId, long now) {
        Online o = online.get(agentId);
        return o != null && o.expiresAtMillis > now ? o.services : null;
    }

    /** Epoch seconds of the last report seen in this server, {@code null} when none. */
    Long lastSeenSeconds(long agentId) {
        Online o = online.get(agentId);
        return o == null || o.lastSeenMillis == 0 ? null : o.lastSeenMillis / 1000;
    }

    /** Last-report times not yet written, by agent. */
    Map<Long, Long> unflushed() {
        Map<Long, Long> out = new HashMap<>();
        online.forEach((id, o) -> {
            long s = o.lastSeenMillis / 1000;
            if (s > o.flushedSeconds) {
                out.put(id, s);
            }
        });
        return out;
    }

    void flushed(Map<Long, Long> written) {
        written.forEach((id, s) -> {
            Online o = online.get(id);
            if (o != null && s > o.flushedSeconds) {
                o.flushedSeconds = s;
            }
        });
    }

    /** Online states that changed since they were last shared. */
    java.util.List<Shared> unshared() {
        java.util.List<Shared> out = new java.util.ArrayList<>();
        online.forEach((id, o) -> {
            long seen = o.lastSeenMillis;
            if (seen > o.sharedMillis) {
                out.add(new Shared(id, seen, o.expiresAtMillis, o.metadata, o.services));
            }
        });
        return out;
    }

    void shared(java.util.Collection<Shared> written) {
        for (Shared w : written) {
            Online o = online.get(w.agentId());
            if (o != null && w.seenMillis() > o.sharedMillis) {
                o.sharedMillis = w.seenMillis();
            }
        }
    }

    /**
     * What another server on the database saw: taken where it is newer than this server's own last report of the
     * agent, and not shared back.
     *
     * @return whether it was taken
     */
    boolean merge(Shared other) {
        Online o = online.computeIfAbsent(other.agentId(), id -> new Online());
        synchronized (o) {
            if (other.seenMillis() <= o.lastSeenMillis) {
                return false;
            }
            o.lastSeenMillis = other.seenMillis();
            o.expiresAtMillis = Math.max(o.expiresAtMillis, other.expiresMillis());
            if (other.metadata() != null) {
                o.metadata = other.metadata();
            }
            if (other.services() != null) {
                o.services = other.services();
            }
            o.sharedMillis = Math.max(o.sharedMillis, other.seenMillis());
            o.flushedSeconds = Math.max(o.flushedSeconds, other.seenMillis() / 1000);
            return true;
        }
    }

    /** caches/flush: forget which agent each node is (re-read from the database at the next report). */
    void clearIndex() {
        byUuid.clear();
    }

    /** caches/flush with online: every agent offline until it reports again. */
    void clearOnline() {
        online.clear();
    }

    int onlineCount(long now) {
        int n = 0;
        for (Online o : online.values()) {
            if (o.expiresAtMillis > now) {
                n++;
            }
        }
        return n;
    }
}
