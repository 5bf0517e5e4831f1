package io.armada.agents.internal;

import static io.armada.agents.internal.AsyncJson.json;
import static io.armada.agents.internal.AsyncJson.requestId;
import static io.armada.agents.internal.AsyncJson.row;
import static io.armada.agents.internal.AsyncJson.targets;
import static io.armada.agents.internal.AsyncJson.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.agents.AgentAnswer;
import io.armada.agents.AgentTarget;
import io.armada.agents.AgentTask;
import io.armada.agents.AsyncHandle;
import io.armada.agents.AsyncPage;
import io.armada.agents.AsyncRequestView;
import io.armada.agents.AsyncRequests;
import io.armada.agents.AsyncTiming;
import io.armada.agents.internal.jpa.JpaAsyncDao;
import io.armada.core.ApiException;
import io.armada.core.Timers;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.persistence.ServerLeases;

/**
 * The async-request engine. A request is written before it is acknowledged; then its task starts on every target
 * at once (bounded by "calls in flight", not by threads: the task is non-blocking). Answers are queued as they
 * arrive and written by one writer thread in batches; when the last target answered, or the shared timer (core's Timers) sees the
 * deadline (+1 s, as the original's checker), the writer finishes the request: the overtime answer for every
 * target without one, then the final code. Answers agents post themselves are written at once in the caller's
 * thread. After a restart, unfinished requests are finished at their deadline (calls in flight then are lost; the
 * nodes may still post their answers).
 */
@Component(service = AsyncRequests.class, configurationPid = AgentsConfiguration.PID)
@Designate(ocd = AgentsConfiguration.class)
public class AsyncEngine implements AsyncRequests {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncEngine.class);
    static final String OVERTIME_RESULT = "Agent respone overtime";
    static final String WAITING = "waiting respone";
    static final int RESULT_UNKNOWN = -127;
    static final long GRACE_MILLIS = 1000;

    private final AsyncDao dao;
    private final LongSupplier clock;
    private final long defaultFinish;
    private final long maxSeconds;
    private final Timers timer;
    private Timers.Scheduled purgeTask;
    private Timers.Scheduled sweepTask;
    private Timers.Scheduled leaseTask;
    /** The servers on this database; {@code null} for one server alone (tests): it then owns every request. */
    private ServerLeases leases;
    /** How often the answers that reached another server are looked for (several servers on one database). */
    static final long SWEEP_MILLIS = 1000;
    /** Requests asked about in one query of the sweep. */
    static final int SWEEP_BATCH = 500;
    private final AnswerWriter writer;
    private final AsyncReads reads;
    private final FanOut fanOut;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    /** Requests in progress at most (review M9: the maps of requests and calls grew with client input). */
    static final int MAX_ACTIVE = 10_000;
    /** How long a server's lease beat may stand still before its requests are taken over (a beat every 6 s). */
    static final long LEASE_MILLIS = 30_000;
    /** Node calls waiting for a slot at most. */
    static final int MAX_WAITING = 200_000;

    @Activate
    public AsyncEngine(@Reference(target = "(osgi.unit.name=armada-agents)") JpaTemplate jpa,
            @Reference Timers timer, AgentsConfiguration config) {
        this(new JpaAsyncDao(new JpaStore(jpa), ServerLeases.serverName(null)), timer, System::currentTimeMillis,
                (long) config.send_timeout_seconds() * (config.send_retry() + 1) + 5, config.async_max_seconds(),
                config.fanout_max_in_flight());
        this.leases = new ServerLeases(new JpaStore(jpa), "agents", ServerLeases.serverName(null), LEASE_MILLIS,
                System::currentTimeMillis);
        start();
    }

    AsyncEngine(AsyncDao dao, Timers timer, LongSupplier clock, long defaultFinish, long maxSeconds,
            int maxInFlight) {
        if (defaultFinish < 3 || maxSeconds < 10 || maxInFlight < 1) {
            throw new IllegalArgumentException("bad io.armada.agents settings: default finish " + defaultFinish
                    + " s, async max " + maxSeconds + " s, calls in flight " + maxInFlight);
        }
        this.dao = dao;
        this.clock = clock;
        this.defaultFinish = defaultFinish;
        this.maxSeconds = maxSeconds;
        this.timer = timer;
        this.writer = new AnswerWriter(dao);
        this.reads = new AsyncReads(dao);
        this.fanOut = new FanOut(maxInFlight, clock, this::answered);
    }

    /** Starts the writer, finishes what a previous run left unfinished, and schedules the answer purge. */
    void start() {
        writer.start();
        writer.enqueue(this::recover);
        purgeTask = timer.every("the answer purge", () -> writer.enqueue(this::purge), 60, TimeUnit.SECONDS);
        sweepTask = timer.every("the answers posted to other servers", () -> {
            if (!active.isEmpty()) {
                writer.enqueue(this::sweep);
            }
        }, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        if (leases != null) {
            leaseTask = timer.every("the server lease", () -> writer.enqueue(this::beat), LEASE_MILLIS / 5,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** For tests: the servers of this database (before {@link #start()}). */
    void leases(ServerLeases l) {
        this.leases = l;
    }

    @Deactivate
    void stop() {
        if (purgeTask != null) {
            purgeTask.cancel();
        }
        if (leaseTask != null) {
            leaseTask.cancel();
        }
        if (sweepTask != null) {
            sweepTask.cancel();
        }
        writer.stop();
        for (Active a : active.values()) {
            a.cancelDeadline();
            a.finished.completeExceptionally(new IllegalStateException("the agents area stopped"));
        }
        active.clear();
        fanOut.clear();
    }

    long nowSeconds() {
        return clock.getAsLong() / 1000;
    }

    // ------------------------------------------------------------------ API

    @Override
    public AsyncTiming timing(Long requestTime, Long finishtime, Long deadline, Integer expire, int defaultExpire) {
        return AsyncWindow.compute(nowSeconds(), requestTime, finishtime, deadline, expire, defaultExpire,
                defaultFinish, maxSeconds);
    }

    @Override
    public AsyncHandle submit(String action, AsyncTiming timing, List<AgentTarget> targets, AgentTask task) {
        if (action == null || action.isBlank() || action.length() > 64) {
            throw new IllegalArgumentException("action must be 1..64 characters");
        }
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(targets.stream().map(AgentTarget::agentId).toList()));
        if (active.size() >= MAX_ACTIVE || fanOut.waitingCalls() + (long) targets.size() > MAX_WAITING) {
            throw ApiException.unavailable("Too many async requests in progress (" + active.size() + " requests, "
                    + fanOut.waitingCalls() + " node calls waiting); try again later");
        }
        AsyncRequestRow r = new AsyncRequestRow(UUID.randomUUID().toString(), action, timing.requestTime(),
                timing.finishtime(), timing.deadline(), timing.expire(), AsyncRequestView.UNFINISH, RESULT_UNKNOWN,
                WAITING, json(ids));
        Active a = new Active(r.requestId(), ids, timing.deadline() * 1000);
        // known before it is written: the recovery of a (re)start, running on the writer, must find it active and
        // leave it alone (it took the row over with the first deadline, and an extend then missed it)
        active.put(a.id, a);
        try {
            dao.insert(r);
        } catch (RuntimeException e) {
            active.remove(a.id, a);
            throw e;
        }
        schedule(a);
        if (ids.isEmpty()) {
            finishSoon(a);
        }
        long deadlineMillis = a.deadlineMillis;
        for (AgentTarget t : targets) {
            if (t.reachable()) {
                fanOut.call(a, t, task, deadlineMillis);
            } else {
                LOG.debug("Async request {}: agent {} has no address, it gets the overtime answer", a.id,
                        t.agentId());
            }
        }
        LOG.debug("Async request {} ({}) started on {} agents", a.id, action, ids.size());
        return new AsyncHandle(view(r, List.of()), a.finished);
    }

    @Override
    public boolean respond(String requestId, long agentId, long agentTime, AgentAnswer answer) {
        String id = requestId(requestId);
        AsyncRequestRow r = dao.find(id)
                .orElseThrow(() -> ApiException.notFound("Async request " + id + " not found"));
        if (!targets(r).contains(agentId)) {
            throw ApiException.badRequest("Agent " + agentId + " is not a target of async request " + id);
        }
        AsyncDao.Outcome o = dao.respond(row(id, agentId, agentTime, answer, nowSeconds()));
        if (o == AsyncDao.Outcome.DUPLICATE) {
            return false;
        }
        Active a = active.get(id);
        if (a != null) {
            synchronized (a) { // with the answers collected meanwhile: see answered()
                if (a.pending.remove(agentId) && a.pending.isEmpty()) {
                    finishSoon(a);
                }
            }
        }
        return true;
    }

    @Override
    public AsyncRequestView show(String requestId, boolean responses, boolean details) {
        return reads.show(requestId, responses, details);
    }

    @Override
    public AsyncPage list(Integer status, Long start, Long end, String order, boolean desc, int page) {
        return reads.list(status, start, end, order, desc, page);
    }

    @Override
    public int overtime(String requestId, long agentTime, Collection<Long> agents) {
        String id = requestId(requestId);
        AsyncRequestRow r = dao.find(id)
                .orElseThrow(() -> ApiException.notFound("Async request " + id + " not found"));
        if (r.status() != AsyncRequestView.UNFINISH) {
            throw ApiException.badRequest("Async request has been finished");
        }
        Set<Long> wanted = new HashSet<>(agents);
        int written = dao.finish(id, wanted, agentTime, OVERTIME_RESULT);
        if (written < 0) {
            throw ApiException.badRequest("Async request has been finished");
        }
        Active a = active.remove(id);
        if (a != null) {
            a.cancelDeadline();
            a.finishing.set(true);
            a.finished.complete(show(id, true, true));
        }
        return written;
    }

    @Override
    public AsyncRequestView extend(String requestId, AsyncTiming timing) {
        String id = requestId(requestId);
        AsyncRequestRow r = dao.extend(id, timing.finishtime(), timing.deadline());
        Active a = active.get(id);
        if (a != null && !a.finishing.get()) {
            a.deadlineMillis = timing.deadline() * 1000;
            a.cancelDeadline();
            schedule(a);
        }
        return view(r, List.of());
    }

    /** Requests this server is collecting answers for. */
    int activeCount() {
        return active.size();
    }

    // ------------------------------------------------------------------ answers and deadlines

    /** An answer the server collected: queued for the writer as it arrives. */
    void answered(Active a, long agentId, AgentAnswer answer) {
        ResponseRow row = row(a.id, agentId, nowSeconds(), answer, nowSeconds());
        // the removal from pending and the queueing of the row are one step for the other answers of the request:
        // otherwise the last answer could queue the finish between another's removal and its row, and the finish
        // wrote "overtime" for an agent that had answered (seen by bench/jobs.sh: one node in 100)
        synchronized (a) {
            boolean first = a.pending.remove(agentId);
            if (!first && !a.finishing.get()) {
                return;
            }
            queueAnswer(row);
            if (first && a.pending.isEmpty()) {
                finishSoon(a);
            }
        }
    }

    /** Queues a collected answer for the writer (overridden by a test that delays it, to check the order). */
    void queueAnswer(ResponseRow row) {
        writer.enqueueAnswer(row);
    }

    private void schedule(Active a) {
        long delay = Math.max(0, a.deadlineMillis + GRACE_MILLIS - clock.getAsLong());
        try {
            a.deadlineTask = timer.once("a request's deadline", () -> finishSoon(a), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            LOG.debug("Timer stopped; request {} is finished at the next start", a.id);
        }
    }

    /** Queues the finish of a request (once). */
    private void finishSoon(Active a) {
        if (a.finishing.compareAndSet(false, true)) {
            a.cancelDeadline();
            writer.enqueue(() -> finish(a));
        }
    }

    // ------------------------------------------------------------------ writer work

    private void finish(Active a) {
        for (int attempt = 1;; attempt++) {
            try {
                int missing = dao.finish(a.id, a.targets, nowSeconds(), OVERTIME_RESULT);
                active.remove(a.id, a);
                if (missing >= 0) {
                    LOG.debug("Async request {} finished, {} of {} agents did not answer", a.id, missing,
                            a.targets.size());
                }
                a.finished.complete(show(a.id, true, true));
                return;
            } catch (DuplicateKeyException raced) {
                // an agent posted its answer while we wrote the overtime ones: read again
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }

    /**
     * Requests this server left unfinished when it stopped (its own by name, and rows older than owners): finish
     * them at their deadline. Another live server's requests on the same database are its own ({@link #beat()}).
     */
    private void recover() {
        adoptUnfinished(owner -> leases == null || owner == null || leases.self().equals(owner));
    }

    /**
     * Several servers on one database: beats this server's lease, and takes over the unfinished requests of a
     * server whose beat stood still for {@value #LEASE_MILLIS} ms (one server wins each), to finish them at their
     * deadline with the answers the nodes posted to any server.
     */
    void beat() {
        try {
            leases.beat();
            adoptUnfinished(owner -> owner != null && !leases.alive(owner));
        } catch (RuntimeException e) {
            LOG.warn("The agents' server lease could not beat: {}", e.toString());
        }
    }

    private void adoptUnfinished(java.util.function.Predicate<String> mine) {
        long now = clock.getAsLong();
        for (AsyncDao.Owned o : dao.unfinishedOwned()) {
            AsyncRequestRow r = o.row();
            if (active.containsKey(r.requestId()) || !mine.test(o.owner())) {
                continue;
            }
            if (leases != null && !leases.self().equals(o.owner()) && !dao.adopt(r.requestId(), o.owner())) {
                continue; // another server took it
            }
            Active a = new Active(r.requestId(), targets(r), r.deadline() * 1000);
            if (active.putIfAbsent(a.id, a) != null) {
                continue; // submitted by this run since the check above
            }
            a.pending.removeAll(dao.answered(r.requestId()));
            if (a.deadlineMillis + GRACE_MILLIS <= now || a.pending.isEmpty()) {
                finishSoon(a);
            } else {
                schedule(a);
            }
            LOG.info("Async request {} of {} resumed here, finishes at its deadline", a.id,
                    o.owner() == null || leases == null || leases.self().equals(o.owner()) ? "a previous run"
                            : "server " + o.owner());
        }
    }

    /**
     * Several servers on one database: a node may post its answer to another server than the one that sent the
     * request, which writes it to the database. The sender learns of it here (every {@value #SWEEP_MILLIS} ms, one
     * query per {@value #SWEEP_BATCH} requests in progress) and finishes a request once every target answered, as it
     * does for the answers it receives itself. Alone on its database a server finds nothing new here.
     */
    private void sweep() {
        List<Active> open = new ArrayList<>();
        for (Active a : active.values()) {
            if (!a.finishing.get() && !a.pending.isEmpty()) {
                open.add(a);
            }
        }
        for (int from = 0; from < open.size(); from += SWEEP_BATCH) {
            List<Active> batch = open.subList(from, Math.min(open.size(), from + SWEEP_BATCH));
            Map<String, Set<Long>> answered = dao.answered(batch.stream().map(a -> a.id).toList());
            for (Active a : batch) {
                Set<Long> agents = answered.get(a.id);
                if (agents != null) {
                    synchronized (a) { // with the answers collected meanwhile: see answered()
                        if (a.pending.removeAll(agents) && a.pending.isEmpty()) {
                            finishSoon(a);
                        }
                    }
                }
            }
        }
    }

    private void purge() {
        int n = dao.purgeExpired(nowSeconds());
        if (n > 0) {
            LOG.debug("Deleted {} expired async answers", n);
        }
    }
}
