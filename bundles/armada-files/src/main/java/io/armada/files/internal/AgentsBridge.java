package io.armada.files.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;


import io.armada.agents.AgentAnswer;
import io.armada.agents.MonitorAnswers;
import io.armada.agents.AgentService;
import io.armada.agents.AgentTarget;
import io.armada.agents.AgentTask;
import io.armada.agents.AsyncHandle;
import io.armada.agents.AsyncRequestView;
import io.armada.agents.AsyncRequests;
import io.armada.core.FleetClient;
import io.armada.files.AgentRequest;
import io.armada.files.RequestWindow;

/**
 * The one class that uses the agents area. It exists only while the agents' services do (mandatory references), and
 * the bundle imports the agents' package dynamically, so the files area resolves, starts and serves its record routes
 * without the agents bundle, and its per-agent routes work when the agents are installed later, with no refresh.
 *
 * <p>A request posts {@code {handler: FileHandler, command, data}} to each node's {@code /api/v1/monitor/task} through
 * the fleet client (non-blocking, the fleet token) and records the node's answer as the agent's.
 */
@Component(service = AgentDelivery.class)
public class AgentsBridge implements AgentDelivery {
    static final String TASK = "/api/v1/monitor/task";
    /** Answers of file requests are kept (the original stored them in the database: expire 0). */
    static final int DEFAULT_EXPIRE = 0;

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
    public AgentRequest run(String selection, String action, String command, Map<String, Object> data, String ok,
            RequestWindow w) {
        RequestWindow window = w == null ? new RequestWindow(null, null, null, null) : w;
        List<AgentTarget> targets = agents.targets(selection);
        var timing = async.timing(window.requestTime(), window.finishtime(), window.deadline(), window.expire(),
                DEFAULT_EXPIRE);
        Map<String, Object> body = Map.of("handler", "FileHandler", "command", command, "data", data);
        AgentTask task = (target, timeout) -> fleet.send("POST", target.baseUrl() + TASK, body, timeout)
                .thenApply(a -> answer(a, ok));
        AsyncHandle h = async.submit(action, timing, targets, task);
        AsyncRequestView v = h.started();
        return new AgentRequest(v.requestId(), v.requestTime(), v.finishtime(), v.deadline(), v.expire(), v.status(),
                v.resultcode(), v.result());
    }

    /** A node's answer to {@code task} (monitor dialect) as the agent's answer. */
    static AgentAnswer answer(FleetClient.Answer a, String ok) {
        return MonitorAnswers.of(a, ok);
    }
}
