package io.armada.jobs.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.agents.AgentAnswer;
import io.armada.agents.AgentInfo;
import io.armada.agents.AgentResponseView;
import io.armada.agents.AgentService;
import io.armada.agents.AgentTarget;
import io.armada.agents.AgentTask;
import io.armada.agents.AsyncHandle;
import io.armada.agents.AsyncRequestView;
import io.armada.agents.AsyncRequests;
import io.armada.agents.AsyncTiming;
import io.armada.agents.MonitorAnswers;
import io.armada.core.ApiException;
import io.armada.core.FleetClient;
import io.armada.core.Json;

/**
 * The one class that uses the agents area (the scheduler's and the files' shape): a step becomes one async request
 * that posts the step's monitor {@code task} body to each node's {@code /api/v1/monitor/task} through the fleet client
 * (non-blocking, the fleet token), and each node's monitor answer is its agent's answer ({@link MonitorAnswers}; a
 * refusal keeps the node's {@code data} as a detail row, so a script's output is in the log). It exists only while the
 * agents' services do; the bundle imports their package dynamically.
 */
@Component(service = NodeGateway.class)
public class AgentsBridge implements NodeGateway {
    static final String TASK = "/api/v1/monitor/task";
    /** Answers are kept a day after the deadline (the jobs area keeps its own copy in JOBS_NODE_LOG). */
    static final int EXPIRE_SECONDS = 86_400;
    private static final ObjectMapper JSON = Json.newMapper();

    private final AgentService agents;
    private final AsyncRequests async;
    private final FleetClient fleet;

    @Activate
    public AgentsBridge(@Reference AgentService agents, @Reference AsyncRequests async, @Reference FleetClient fleet) {
        this.agents = agents;
        this.async = async;
        this.fleet = fleet;
    }

    /** The live agent of each IP: an online one first, then the one that reported last. */
    private Map<String, AgentInfo> byIp() {
        Map<String, AgentInfo> out = new HashMap<>();
        for (AgentInfo a : agents.list(false)) {
            if (a.ip() == null) {
                continue;
            }
            out.merge(a.ip(), a, (x, y) -> better(x, y) ? x : y);
        }
        return out;
    }

    /**
     * Which of two live agents with one IP carries a node's calls: the online one, then the one that reported last
     * when both last reports are known, then the newer one (a node set up again reports under a new uuid, so a new
     * agent). Right after a server start no agent is online yet, and the last report of a node that reported shortly
     * before a {@code kill -9} may be unknown while an older agent's is: the newer agent is the node as it is now.
     */
    static boolean better(AgentInfo x, AgentInfo y) {
        if (x.online() != y.online()) {
            return x.online();
        }
        if (x.lastReport() != null && y.lastReport() != null && !x.lastReport().equals(y.lastReport())) {
            return x.lastReport() > y.lastReport();
        }
        return x.agentId() > y.agentId();
    }

    @Override
    public Sent send(String action, List<String> nodes, Function<String, Object> body, int timeoutSeconds) {
        Map<String, AgentInfo> known = byIp();
        Map<Long, AgentTarget> all = new HashMap<>();
        for (AgentTarget t : agents.targets("all")) {
            all.put(t.agentId(), t);
        }
        Map<String, Answer> unreachable = new LinkedHashMap<>();
        List<AgentTarget> targets = new ArrayList<>();
        Map<Long, String> ipOf = new HashMap<>();
        for (String node : nodes) {
            AgentInfo a = known.get(node);
            AgentTarget t = a == null ? null : all.get(a.agentId());
            if (t == null || !t.reachable()) {
                unreachable.put(node, new Answer(-1, "no live agent reports from " + node, ""));
            } else if (ipOf.putIfAbsent(t.agentId(), node) == null) {
                targets.add(t);
            }
        }
        if (targets.isEmpty()) {
            return new Sent(null, unreachable, CompletableFuture.completedFuture(null), Map.of());
        }
        long now = System.currentTimeMillis() / 1000;
        AsyncTiming timing = async.timing(now, now + Math.max(3, timeoutSeconds), null, null, EXPIRE_SECONDS);
        Map<String, Answer> arrived = new ConcurrentHashMap<>();
        AgentTask task = (target, timeout) -> fleet.send("POST", target.baseUrl() + TASK,
                body.apply(ipOf.get(target.agentId())), timeout).thenApply(a -> {
                    AgentAnswer answer = answer(a);
                    arrived.put(ipOf.get(target.agentId()), new Answer(answer.resultcode(), answer.result(),
                            output(answer.details())));
                    return answer;
                });
        AsyncHandle h = async.submit(action, timing, targets, task);
        return new Sent(h.started().requestId(), unreachable, h.finished(), arrived);
    }

    /** The node's monitor answer; a refusal keeps the node's {@code data} (a script's exit and output). */
    static AgentAnswer answer(FleetClient.Answer a) {
        AgentAnswer base = MonitorAnswers.of(a, null);
        if (base.resultcode() == 0 || a.status() != 200) {
            return base;
        }
        try {
            JsonNode body = JSON.readTree(a.body());
            JsonNode data = body == null ? null : body.get("data");
            if (data != null && !data.isNull() && !data.isMissingNode()) {
                return new AgentAnswer(base.resultcode(), base.result(),
                        List.of(new AgentAnswer.Detail(0, base.resultcode(), JSON.convertValue(data, Object.class))));
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // MonitorAnswers said why already
        }
        return base;
    }

    @Override
    public Recorded answers(String requestId) {
        AsyncRequestView v = async.show(requestId, true, true);
        Map<Long, String> ipOf = new HashMap<>();
        for (AgentInfo a : agents.list(false)) {
            if (a.ip() != null) {
                ipOf.put(a.agentId(), a.ip());
            }
        }
        Map<String, Answer> out = new LinkedHashMap<>();
        for (AgentResponseView r : v.responses()) {
            String ip = ipOf.get(r.agentId());
            if (ip == null) {
                agents.find(r.agentId()).map(AgentInfo::ip).ifPresent(x -> ipOf.put(r.agentId(), x));
                ip = ipOf.get(r.agentId());
            }
            if (ip != null) {
                out.put(ip, new Answer(r.resultcode(), r.result(), output(r.details())));
            }
        }
        return new Recorded(v.status() == AsyncRequestView.FINISH, v.deadline(), out);
    }

    private static String output(List<AgentAnswer.Detail> details) {
        if (details == null || details.isEmpty()) {
            return "";
        }
        Object o = details.get(0).result();
        if (o instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (java.io.IOException e) {
            return String.valueOf(o);
        }
    }

    @Override
    public void finishNow(String requestId) {
        try {
            AsyncRequestView v = async.show(requestId, true, false);
            if (v.status() == AsyncRequestView.FINISH) {
                return;
            }
            List<Long> missing = new ArrayList<>(v.agents());
            for (AgentResponseView r : v.responses()) {
                missing.remove(r.agentId());
            }
            async.overtime(requestId, System.currentTimeMillis() / 1000, missing);
        } catch (ApiException finishedMeanwhile) {
            // ended between the look and the overtime: nothing to do
        }
    }
}
