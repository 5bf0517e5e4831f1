package io.armada.tars.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.agents.AgentAnswer;
import io.armada.agents.AgentInfo;
import io.armada.agents.AgentResponseView;
import io.armada.agents.AgentService;
import io.armada.agents.AgentTarget;
import io.armada.agents.AsyncHandle;
import io.armada.agents.AsyncRequestView;
import io.armada.agents.AsyncRequests;
import io.armada.agents.AsyncTiming;
import io.armada.agents.MonitorAnswers;
import io.armada.core.FleetClient;

/**
 * {@link NodeCalls} over the agents area (an optional neighbour, like {@link AgentsBridge}): a call is one async
 * request ({@code tars_<command>}) to the node's agent that posts {@code {handler: ServerHandler, command, data}} to the
 * node's {@code /api/v1/monitor/task} through the fleet client (non-blocking); the reply is read from the request's
 * answer ({@link MonitorAnswers#of}) when it finishes, so no thread waits for the node. A node that does not answer
 * by the request's deadline gets the agents' overtime answer, which fails the reply with its text.
 */
@Component(service = NodeCalls.class)
public class ServerHandlerBridge implements NodeCalls {
    static final String TASK = "/api/v1/monitor/task";
    /** Answers of tars calls are kept an hour after their deadline (the task rows keep what matters). */
    static final int EXPIRE_SECONDS = 3600;

    private final AgentService agents;
    private final AsyncRequests async;
    private final FleetClient fleet;

    @Activate
    public ServerHandlerBridge(@Reference AgentService agents, @Reference AsyncRequests async,
            @Reference FleetClient fleet) {
        this.agents = agents;
        this.async = async;
        this.fleet = fleet;
    }

    @Override
    public CompletionStage<Reply> call(String ip, String command, Map<String, Object> data, Duration timeout) {
        try {
            Optional<AgentInfo> agent = agents.findByIp(ip);
            if (agent.isEmpty()) {
                return done(new Reply(false, "no Armada node reports from " + ip, Map.of()));
            }
            if (!agent.get().online()) {
                return done(new Reply(false, "the node at " + ip + " (agent " + agent.get().agentId()
                        + ") is offline", Map.of()));
            }
            List<AgentTarget> targets = agents.targets(Long.toString(agent.get().agentId()));
            long now = System.currentTimeMillis() / 1000;
            AsyncTiming timing = async.timing(now, now + Math.max(5, timeout.toSeconds()), null, null,
                    EXPIRE_SECONDS);
            Map<String, Object> body = Map.of("handler", "ServerHandler", "command", command, "data", data);
            AsyncHandle h = async.submit("tars_" + command, timing, targets, (target, left) ->
                    fleet.send("POST", target.baseUrl() + TASK, body, left).thenApply(ServerHandlerBridge::answer));
            String id = h.started().requestId();
            return h.finished().handle((view, failure) -> failure != null
                    ? new Reply(false, "async request " + id + " did not finish: " + failure, Map.of())
                    : reply(view, agent.get().agentId()));
        } catch (RuntimeException e) {
            return done(new Reply(false, "the call could not be sent: " + e.getMessage(), Map.of()));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = io.armada.core.Json.newMapper();

    /**
     * The node's answer ({@link MonitorAnswers#of}); a refusal also keeps the node's {@code data} as a detail row (a
     * failed script's {@code exit} and {@code output}), which {@code MonitorAnswers} drops, so a failed item can say
     * what the script printed.
     */
    static AgentAnswer answer(FleetClient.Answer a) {
        AgentAnswer ans = MonitorAnswers.of(a, null);
        if (ans.resultcode() == 0 || a.status() != 200) {
            return ans;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode data = JSON.readTree(a.body()).path("data");
            if (data.isObject() && data.size() > 0) {
                return new AgentAnswer(ans.resultcode(), ans.result(),
                        List.of(new AgentAnswer.Detail(0, ans.resultcode(), JSON.convertValue(data, Map.class))));
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // MonitorAnswers said why
        }
        return ans;
    }

    @SuppressWarnings("unchecked")
    static Reply reply(AsyncRequestView view, long agentId) {
        for (AgentResponseView r : view.responses() == null ? List.<AgentResponseView>of() : view.responses()) {
            if (r.agentId() != agentId) {
                continue;
            }
            Map<String, Object> data = Map.of();
            for (AgentAnswer.Detail d : r.details()) {
                if (d.result() instanceof Map<?, ?> m) {
                    data = new LinkedHashMap<>((Map<String, Object>) m);
                }
            }
            return new Reply(r.resultcode() == 0, r.result() == null ? "" : r.result(), data);
        }
        return new Reply(false, "the node did not answer (async request " + view.requestId() + ")", Map.of());
    }

    private static CompletionStage<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public Optional<Map<String, Object>> reported(String ip, String app, String server) {
        return report(ip).flatMap(r -> r.servers().stream()
                .filter(s -> app.equals(s.get("app")) && server.equals(s.get("server"))).findFirst());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Report> report(String ip) {
        Optional<AgentInfo> agent = agents.findByIp(ip);
        if (agent.isEmpty() || !agent.get().online()) {
            return Optional.empty();
        }
        Map<String, Object> m = agents.metadata(agent.get().agentId());
        if (m == null || !(m.get("data") instanceof Map<?, ?> data)) {
            return Optional.empty();
        }
        List<Map<String, Object>> servers = new ArrayList<>();
        if (data.get("servers") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> s) {
                    servers.add((Map<String, Object>) s);
                }
            }
        }
        long utc = m.get("utc") instanceof Number n ? n.longValue() : 0;
        return Optional.of(new Report(utc, servers));
    }
}
