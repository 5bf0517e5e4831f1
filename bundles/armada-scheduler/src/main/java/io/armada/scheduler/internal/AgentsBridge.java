package io.armada.scheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;


import io.armada.agents.AgentAnswer;
import io.armada.agents.MonitorAnswers;
import io.armada.agents.AgentResponseView;
import io.armada.agents.AgentService;
import io.armada.agents.AgentTarget;
import io.armada.agents.AsyncHandle;
import io.armada.agents.AsyncRequestView;
import io.armada.agents.AsyncRequests;
import io.armada.agents.AsyncTiming;
import io.armada.core.ApiException;
import io.armada.core.FleetClient;

/**
 * The {@code agents-task} executor over the agents area's API (its optional neighbour): {@code kwargs {agents, task,
 * timeout?}} becomes one async request ({@code scheduler_task}) that posts {@code task} to each selected node's
 * {@code /api/v1/monitor/task}; the attempt succeeds when every agent answered resultcode 0 by the deadline. Like the
 * agents' {@code PortsBridge}, it exists only while the agents' services do, and is the only class that loads their
 * package (imported dynamically).
 */
@Component(service = AgentsGateway.class)
public class AgentsBridge implements AgentsGateway {
    static final String ACTION = "scheduler_task";
    static final String TASK_PATH = "/api/v1/monitor/task";
    /** Answers of a scheduled task are kept an hour after its deadline. */
    static final int EXPIRE_SECONDS = 3600;

    private final AgentService agents;
    private final AsyncRequests async;
    private final FleetClient fleet;

    @Activate
    public AgentsBridge(@Reference AgentService agents, @Reference AsyncRequests async, @Reference FleetClient fleet) {
        this.agents = agents;
        this.async = async;
        this.fleet = fleet;
    }

    @Override
    public Outcome run(Map<String, Object> kwargs) {
        String selection = SchedulerRules.agentSelection(kwargs.get("agents"), "kwargs");
        Object task = kwargs.get("task");
        List<AgentTarget> targets;
        AsyncTiming timing;
        long now = System.currentTimeMillis() / 1000;
        try {
            targets = agents.targets(selection);
            Long finish = kwargs.get("timeout") instanceof Number n ? now + n.longValue() : null;
            timing = async.timing(now, finish, null, null, EXPIRE_SECONDS);
        } catch (ApiException e) {
            return Outcome.failed("agents " + selection + ": " + e.getMessage());
        }
        if (targets.isEmpty()) {
            return Outcome.failed("agents " + selection + ": no agent selected");
        }
        AsyncHandle handle = async.submit(ACTION, timing, targets, (target, timeout) ->
                fleet.send("POST", target.baseUrl() + TASK_PATH, task, timeout).thenApply(AgentsBridge::answer));
        String id = handle.started().requestId();
        AsyncRequestView done;
        try {
            long waitMs = Math.max(0, timing.deadline() * 1000 - System.currentTimeMillis()) + 10_000;
            done = handle.finished().toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("async request " + id + ": interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return Outcome.failed("async request " + id + ": not finished: " + e);
        }
        List<AgentResponseView> responses = done.responses();
        if (responses == null || responses.isEmpty()) {
            responses = async.show(id, true, false).responses();
        }
        List<String> failed = new ArrayList<>();
        for (AgentResponseView r : responses) {
            if (r.resultcode() != 0) {
                failed.add(r.agentId() + " (" + r.resultcode() + " " + r.result() + ")");
            }
        }
        int answered = responses.size();
        if (!failed.isEmpty() || answered < targets.size()) {
            return Outcome.failed("async request " + id + ": " + failed.size() + " of " + targets.size()
                    + " agent(s) failed" + (answered < targets.size() ? ", " + (targets.size() - answered)
                    + " did not answer" : "") + ": " + String.join(", ", failed.subList(0, Math.min(10, failed.size()))));
        }
        return Outcome.ok("async request " + id + ": all " + targets.size() + " agent(s) answered 0");
    }

    /** A node's monitor answer as the agent's answer; a success carries the node's message. */
    static AgentAnswer answer(FleetClient.Answer a) {
        return MonitorAnswers.of(a, null);
    }
}
