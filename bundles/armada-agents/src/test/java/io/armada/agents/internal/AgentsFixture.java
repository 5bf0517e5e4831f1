package io.armada.agents.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.agents.AgentRoutes;
import io.armada.agents.EntityRoutes;
import io.armada.agents.internal.jpa.DerbyTestSupport;
import io.armada.agents.internal.jpa.JpaAgentDao;
import io.armada.agents.internal.jpa.JpaAsyncDao;
import io.armada.agents.internal.jpa.JpaEntityDao;
import io.armada.core.FleetClient;
import io.armada.persistence.JpaStore;

/**
 * The agents area's route services on a fresh Derby database without OSGi, for tests outside this package (the
 * resources in {@code rest}): node reports, agent routes and entity routes sharing one registry on a clock the test
 * moves, ports in memory ({@link AgentServiceImplTest.FakePorts}), nodes that answer every call with 2 CPUs.
 */
public final class AgentsFixture extends DerbyTestSupport {
    private static final ObjectMapper M = new ObjectMapper();
    /** Epoch milliseconds of the registry's clock. */
    public final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final io.armada.core.SharedTimer timer = new io.armada.core.SharedTimer("agents-test-timer");
    private AsyncEngine async;
    private NodeReports reports;
    private AgentServiceImpl agents;
    private EntityServiceImpl entities;

    public void start() throws Exception {
        JpaStore store = open();
        JpaAgentDao dao = new JpaAgentDao(store);
        JpaEntityDao entityDao = new JpaEntityDao(store);
        async = new AsyncEngine(new JpaAsyncDao(store), timer, System::currentTimeMillis, 15, 86400, 64);
        async.start();
        FleetClient fleet = (method, url, body, timeout) -> CompletableFuture.completedFuture(new FleetClient.Answer(
                200, "{\"code\":0,\"msg\":\"ok\",\"data\":{\"cpu\":{\"numbers\":2}}}".getBytes(StandardCharsets.UTF_8)));
        NodeRegistry registry = new NodeRegistry(clock::get);
        reports = new NodeReports(dao, registry, timer, 60_000, 3600);
        agents = new AgentServiceImpl(dao, entityDao, async, fleet, registry, 180);
        entities = new EntityServiceImpl(dao, entityDao, registry);
        AgentServiceImplTest.FakePorts ports = new AgentServiceImplTest.FakePorts();
        agents.portsGateway = ports;
        entities.portsGateway = ports;
    }

    public void stop() {
        if (reports != null) {
            reports.deactivate();
        }
        if (async != null) {
            async.stop();
        }
        timer.close();
        close();
    }

    public AgentRoutes agents() {
        return agents;
    }

    public EntityRoutes entities() {
        return entities;
    }

    /**
     * A node's resource report (the agent is created by the first one), as {@code NodeReportTest.resource} with
     * this uuid, host and IP.
     *
     * @return the agent's id
     */
    public long report(String uuid, String host, String ip) throws Exception {
        JsonNode body = M.readTree(NodeReportTest.resource(uuid, host).replace("10.0.0.5", ip));
        return reports.ingest(body);
    }
}
