package io.armada.agents.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.agents.AgentInfo;
import io.armada.agents.AgentRoutes;
import io.armada.agents.EntityRoutes;
import io.armada.agents.AgentStatus;
import io.armada.agents.AsyncHandle;
import io.armada.agents.AsyncRequestView;
import io.armada.agents.internal.jpa.JpaAgentDao;
import io.armada.agents.internal.jpa.DerbyTestSupport;
import io.armada.agents.internal.jpa.JpaAsyncDao;
import io.armada.agents.internal.jpa.JpaEntityDao;
import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.core.FleetClient;
import io.armada.persistence.JpaStore;

/**
 * The agents rules end to end on Derby, without OSGi, through the three components that share one registry: node
 * reports, the agent routes, the entity routes (lifecycle, entities with and without ports).
 */
public class AgentServiceImplTest extends DerbyTestSupport {
    private static final ObjectMapper M = new ObjectMapper();
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private AgentDao dao;
    private EntityDao entityDao;
    private AsyncEngine async;
    private final io.armada.core.SharedTimer timer = new io.armada.core.SharedTimer("agents-test-timer");
    private NodeRegistry registry;
    private NodeReports reports;
    private AgentServiceImpl service;
    private EntityServiceImpl entities;
    private FakePorts ports;

    /** Ports in memory, refusing what a test tells it to. */
    static final class FakePorts implements PortsGateway {
        final Map<String, List<Integer>> byEntity = new HashMap<>();
        boolean failAllocate;

        @Override
        public void check(long agentId, List<Integer> wanted) {
            for (List<Integer> used : byEntity.values()) {
                for (Integer p : wanted) {
                    if (p != null && used.contains(p)) {
                        throw ApiException.badRequest("Ports has been used count 1");
                    }
                }
            }
        }

        @Override
        public List<Integer> allocate(long agentId, String endpoint, long entity, List<Integer> wanted, String d) {
            if (failAllocate) {
                throw ApiException.badRequest("No free port left on agent " + agentId);
            }
            List<Integer> got = new ArrayList<>();
            int next = 31000;
            for (Integer p : wanted) {
                got.add(p == null ? next++ : p);
            }
            byEntity.put(agentId + "/" + endpoint + "/" + entity, got);
            return got;
        }

        @Override
        public int freeEntity(long agentId, String endpoint, long entity) {
            List<Integer> gone = byEntity.remove(agentId + "/" + endpoint + "/" + entity);
            return gone == null ? 0 : gone.size();
        }

        @Override
        public Map<String, Map<Long, List<Integer>>> ofAgent(long agentId) {
            Map<String, Map<Long, List<Integer>>> out = new TreeMap<>();
            byEntity.forEach((k, v) -> {
                String[] p = k.split("/");
                if (Long.parseLong(p[0]) == agentId) {
                    out.computeIfAbsent(p[1], x -> new TreeMap<>()).put(Long.parseLong(p[2]), v);
                }
            });
            return out;
        }

        @Override
        public Map<Long, List<Integer>> ofEndpoint(String endpoint) {
            Map<Long, List<Integer>> out = new TreeMap<>();
            byEntity.forEach((k, v) -> {
                String[] p = k.split("/");
                if (p[1].equals(endpoint)) {
                    out.put(Long.parseLong(p[2]), v);
                }
            });
            return out;
        }
    }

    @Before
    public void setUp() throws Exception {
        JpaStore store = open();
        dao = new JpaAgentDao(store);
        entityDao = new JpaEntityDao(store);
        async = new AsyncEngine(new JpaAsyncDao(store), timer, System::currentTimeMillis, 15, 86400, 64);
        async.start();
        FleetClient fleet = (method, url, body, timeout) -> CompletableFuture.completedFuture(new FleetClient.Answer(
                200, "{\"code\":0,\"msg\":\"ok\",\"data\":{\"cpu\":{\"numbers\":2}}}".getBytes(StandardCharsets.UTF_8)));
        registry = new NodeRegistry(clock::get);
        reports = new NodeReports(dao, registry, timer, 60_000, 3600);
        service = new AgentServiceImpl(dao, entityDao, async, fleet, registry, 180);
        entities = new EntityServiceImpl(dao, entityDao, registry);
        ports = new FakePorts();
        service.portsGateway = ports;
        entities.portsGateway = ports;
    }

    @After
    public void tearDown() {
        reports.deactivate();
        async.stop();
        timer.close();
        close();
    }

    private static JsonNode report(String uuid, String host, String ip, int cpus) throws Exception {
        return M.readTree(NodeReportTest.resource(uuid, host).replace("10.0.0.5", ip)
                .replace("\"numbers\":4", "\"numbers\":" + cpus));
    }

    /**
     * Two servers on one database (issue 18): a node reports to one of them, and the other sees it online with its
     * figures once both shared their online state; a later report to the other server goes back the same way.
     */
    @Test
    public void aReportToOneServerIsSeenOnlineByTheOtherOnceShared() throws Exception {
        NodeRegistry registry2 = new NodeRegistry(clock::get);
        NodeReports reports2 = new NodeReports(dao, registry2, timer, 60_000, 3600);
        AgentServiceImpl service2 = new AgentServiceImpl(dao, entityDao, async, (m, u, b, t) -> null, registry2, 180);
        try {
            reports.shareEvery(timer, 3600, "s1");
            reports2.shareEvery(timer, 3600, "s2");
            long id = reports.ingest(report("u-9", "node9", "10.0.0.9", 4));
            assertTrue(service.find(id).orElseThrow().online());
            assertFalse("not shared yet", service2.find(id).orElseThrow().online());
            reports.shareOnline();
            reports2.shareOnline();
            assertTrue(service2.find(id).orElseThrow().online());
            assertEquals(4, service2.show(Long.toString(id), false, false).metadata().at("/data/cpu/numbers").asInt());
            clock.addAndGet(5_000);
            reports2.ingest(report("u-9", "node9", "10.0.0.9", 6));
            reports2.shareOnline();
            reports.shareOnline();
            assertEquals(6, service.show(Long.toString(id), false, false).metadata().at("/data/cpu/numbers").asInt());
            // the node stops reporting: offline on both once the window passed
            clock.addAndGet(61_000);
            assertFalse(service.find(id).orElseThrow().online());
            assertFalse(service2.find(id).orElseThrow().online());
        } finally {
            reports2.deactivate();
        }
    }

    @Test
    public void aNodesFirstReportCreatesAnInactiveAgentAndLaterOnesRefreshIt() throws Exception {
        long id = reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        AgentInfo a = service.find(id).orElseThrow();
        assertEquals("node1", a.host());
        assertEquals(AgentStatus.UNACTIVE, a.status());
        assertEquals("node", a.agentType());
        assertEquals(4, a.cpu());
        assertEquals(8192, a.memory());
        assertEquals(List.of("30000-40000"), a.portsRange());
        assertEquals("10.0.0.5", a.ip());
        assertTrue(a.online());
        assertNotNull(service.metadata(id));
        assertEquals(id, reports.ingest(report("u-1", "node1", "10.0.0.5", 4)));
        assertEquals(1, service.list(false).size());
        // figures change at once
        reports.ingest(report("u-1", "node1", "10.0.0.5", 8));
        assertEquals(8, dao.find(id).orElseThrow().cpu());
        // review H2: a report of the same uuid from another address may not take the agent while its node is live
        try {
            reports.ingest(report("u-1", "node1", "10.0.0.9", 8));
            fail("a live node's agent was re-pointed to another address");
        } catch (ApiException expected) {
            assertEquals(ErrorKind.REFUSED, expected.kind());
        }
        assertEquals("10.0.0.5", dao.find(id).orElseThrow().ip());
        // a node that moved is taken at its new address once the old one is offline (60 s window here)
        clock.addAndGet(61_000);
        reports.ingest(report("u-1", "node1", "10.0.0.9", 8));
        assertEquals("10.0.0.9", dao.find(id).orElseThrow().ip());
        // a service report keeps it online and does not touch the figures
        reports.ingest(M.readTree("{\"hostname\":\"node1\",\"ip\":\"10.0.0.9\",\"utc\":1,\"type\":\"service\","
                + "\"node_uuid\":\"u-1\",\"port\":50002,\"data\":{\"httpd\":\"running\"}}"));
        assertEquals(8, dao.find(id).orElseThrow().cpu());
        assertEquals("running", service.show(Long.toString(id), false, false).services()
                .get("httpd").asText());
    }

    @Test
    public void anAgentIsOnlineForThreeIntervalsAfterItsLastReport() throws Exception {
        long id = reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        clock.addAndGet(59_000);
        assertTrue(service.find(id).orElseThrow().online());
        clock.addAndGet(2_000);
        assertFalse(service.find(id).orElseThrow().online());
        assertNull(service.metadata(id));
        assertNull(service.show(Long.toString(id), false, false).metadata());
        reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        assertTrue(service.find(id).orElseThrow().online());
    }

    @Test
    public void lastReportTimesAreFlushedToTheDatabase() throws Exception {
        long id = reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        assertNull(dao.find(id).orElseThrow().lastReport());
        reports.flushLastReports();
        assertEquals(Long.valueOf(clock.get() / 1000), dao.find(id).orElseThrow().lastReport());
    }

    @Test
    public void aNodeReportingAsAHostCreatedThroughTheApiAdoptsThatAgent() throws Exception {
        AgentInfo created = service.create(new AgentRoutes.NewAgent("node1", "application", 2, 1024,
                2048, List.of("30000-31000"), "game"));
        assertEquals(List.of("30000-31000"), created.portsRange());
        assertEquals(List.of("game"), created.endpoints());
        long id = created.agentId();
        assertEquals(id, reports.ingest(report("u-1", "node1", "10.0.0.5", 4)));
        assertEquals("u-1", dao.find(id).orElseThrow().nodeUuid());
        try {
            reports.ingest(report("u-2", "node1", "10.0.0.6", 4));
            fail("a second node with the same host name");
        } catch (ApiException e) {
            assertEquals(ErrorKind.REFUSED, e.kind());
            assertTrue(e.getMessage().startsWith("Create agent fail,AgentHostExist"));
        }
        assertEquals(1, service.list(false).size());
    }

    @Test
    public void createRefusesADuplicateHostAsTheOriginalDoes() {
        service.create(new AgentRoutes.NewAgent("h1", "application", 1, 1, 1, null, null));
        try {
            service.create(new AgentRoutes.NewAgent("h1", "application", 1, 1, 1, null, null));
            fail();
        } catch (ApiException e) {
            assertEquals(ErrorKind.REFUSED, e.kind());
            assertEquals("Create agent fail,AgentHostExist:Agent with host h1 alreday eixst", e.getMessage());
        }
        AgentRulesTest.bad(() -> service.create(new AgentRoutes.NewAgent("h2", "a", null, 1, 1, null, null)),
                "Can not find argument: cpu");
        AgentRulesTest.bad(() -> service.create(new AgentRoutes.NewAgent("h2", "a", 1, 1, 1,
                List.of("80-90"), null)), "Port 1-1024 is not allowed");
        assertEquals(1, service.list(false).size());
    }

    static void notFound(Runnable r, String message) {
        ApiException e = org.junit.Assert.assertThrows(ApiException.class, r::run);
        assertEquals(message, e.getMessage());
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
    }

    /** Issue 10: an unknown id on a one-agent route is goperation's NoResultFound (404), not a bad argument. */
    @Test
    public void unknownAgentOnAOneAgentRouteIsNotFound() {
        long a = service.create(new AgentRoutes.NewAgent("h1", "app", 1, 1, 1, null, null)).agentId();
        String m = "agents id [99] can not be found";
        notFound(() -> service.show("99", false, false), m);
        notFound(() -> service.edit("99", Map.of("cpu", 2)), m);
        notFound(() -> service.delete("99", true), m);
        notFound(() -> service.active("99", 1), m);
        notFound(() -> service.report("99", null, 60), m);
        notFound(() -> entities.endpoints("99"), m);
        notFound(() -> entities.addEndpoints("99", "game"), m);
        notFound(() -> entities.endpoint("99", "game"), m);
        notFound(() -> entities.deleteEndpoints("99", "game"), m);
        notFound(() -> entities.entities("99", "game", false), m);
        notFound(() -> entities.createEntity("99", "game", new EntityRoutes.NewEntity(null, null, null, null)), m);
        notFound(() -> service.activate(99, 1), m);
        notFound(() -> service.delete(99, true), m);
        notFound(() -> entities.showEntity("game", "7", false), "no entity found for game");
        // a list naming an unknown id stays the original's 400 (agents_id_check)
        AgentRulesTest.bad(() -> service.update(a + ",99", Map.of("cpu", 2)), "agents id [99] can not be found");
    }

    @Test
    public void lifecycleActiveDeleteClean() throws Exception {
        long id = reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        String raw = Long.toString(id);
        assertEquals(1, service.active(raw, 1).agent().status());
        assertEquals(AgentStatus.ACTIVE, dao.find(id).orElseThrow().status());
        AgentRulesTest.bad(() -> service.active(raw, 5), "Argument status not right");
        AgentRulesTest.bad(() -> service.active("all", 1), "Just for one agent");
        notFound(() -> service.active("99", 1), "agents id [99] can not be found");
        AgentRulesTest.bad(() -> service.clean(raw), "agent is not deleted");
        clock.addAndGet(120_000);
        try {
            service.active(raw, 0);
            fail("offline agent activated");
        } catch (ApiException e) {
            assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        }
        try {
            service.delete(raw, false);
            fail("offline agent deleted without force");
        } catch (ApiException e) {
            assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        }
        assertEquals(-127, service.delete(raw, true).status());
        // the deleted agent's node is refused until the agent is cleaned
        try {
            reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
            fail();
        } catch (ApiException e) {
            assertEquals(ErrorKind.REFUSED, e.kind());
        }
        notFound(() -> service.show(raw, false, false), "agents id [" + id + "] can not be found");
        service.clean(raw);
        long again = reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        assertTrue(again > id);
    }

    @Test
    public void editAndUpdateChangeColumnsWithTheRules() {
        long a = service.create(new AgentRoutes.NewAgent("h1", "app", 1, 1, 1, null, null)).agentId();
        long b = service.create(new AgentRoutes.NewAgent("h2", "app", 1, 1, 1, null, null)).agentId();
        service.edit(Long.toString(a), Map.of("cpu", 16, "status", -10, "ports_range", List.of("20000-21000")));
        assertEquals(16, dao.find(a).orElseThrow().cpu());
        assertEquals(-10, dao.find(a).orElseThrow().status());
        AgentRulesTest.bad(() -> service.edit(Long.toString(a), Map.of()), "Not data exist");
        AgentRulesTest.bad(() -> service.edit(Long.toString(a), Map.of("nope", 1)), "can not be changed");
        AgentRulesTest.bad(() -> service.edit(Long.toString(a), Map.of("status", -127)), "status not right");
        List<AgentInfo> rows = service.update(a + "," + b, Map.of("agent_type", "game"));
        assertEquals(List.of(a, b), rows.stream().map(AgentInfo::agentId).toList());
        assertTrue(rows.stream().allMatch(r -> r.agentType().equals("game")));
        assertEquals("game", dao.find(b).orElseThrow().agentType());
        AgentRulesTest.bad(() -> service.update("all", Map.of("host", "x")), "host can only be changed on one agent");
        AgentRulesTest.bad(() -> service.update(a + ",99", Map.of("cpu", 2)), "agents id [99] can not be found");
        try {
            service.update(Long.toString(b), Map.of("host", "h1"));
            fail();
        } catch (ApiException e) {
            assertEquals(ErrorKind.REFUSED, e.kind());
        }
        assertEquals("h2", dao.find(b).orElseThrow().host());
    }

    @Test
    public void entitiesGetPortsAllOrNothing() throws Exception {
        long id = reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        String raw = Long.toString(id);
        entities.addEndpoints(raw, "game");
        service.active(raw, 1);
        EntityRoutes.CreatedEntity e = entities.createEntity(raw, "game",
                new EntityRoutes.NewEntity(Arrays.asList(30001, null), null, "first", null));
        assertEquals(1L, e.entity().entity());
        assertEquals(List.of(30001, 31000), e.entity().ports());
        // a failed allocation takes the entity with it
        ports.failAllocate = true;
        AgentRulesTest.bad(() -> entities.createEntity(raw, "game",
                new EntityRoutes.NewEntity(Arrays.asList((Integer) null), null, null, null)), "No free port");
        assertEquals(1, entityDao.entities(id, "game").size());
        ports.failAllocate = false;
        // a used port is refused before anything is written
        AgentRulesTest.bad(() -> entities.createEntity(raw, "game",
                new EntityRoutes.NewEntity(List.of(30001), null, null, null)), "Ports has been used");
        assertEquals(1, entityDao.entities(id, "game").size());
        EntityRoutes.EntityDetail shown = entities.showEntity("game", "1", true);
        assertEquals(List.of(30001, 31000), shown.entity().ports());
        assertEquals("first", shown.entity().desc());
        assertEquals(1, entities.endpointEntities("game").size());
        // without armada-ports: entity calls that need ports are 503, the rest works
        service.portsGateway = null;
        entities.portsGateway = null;
        try {
            entities.createEntity(raw, "game", new EntityRoutes.NewEntity(List.of(30005), null, null, null));
            fail();
        } catch (ApiException x) {
            assertEquals(ErrorKind.UNAVAILABLE, x.kind());
            assertEquals(PortsGateway.UNAVAILABLE, x.getMessage());
        }
        try {
            entities.deleteEntity("game", "1", false);
            fail();
        } catch (ApiException x) {
            assertEquals(ErrorKind.UNAVAILABLE, x.kind());
        }
        assertEquals(2L, entities.createEntity(raw, "game",
                new EntityRoutes.NewEntity(null, null, null, null)).entity().entity());
        assertEquals(List.of(), entities.showEntity("game", "2", false).entity().ports());
        // show without ports still lists the entities of each endpoint
        assertEquals(2, service.show(raw, false, true).endpoints().get("game").size());
        service.portsGateway = ports;
        entities.portsGateway = ports;
        entities.deleteEntity("game", "1", false);
        assertTrue(ports.byEntity.isEmpty());
        notFound(() -> entities.showEntity("game", "1", false), "no entity found for game");
    }

    @Test
    public void entitiesNeedAnOnlineAgentUnlessTold() throws Exception {
        long id = reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        String raw = Long.toString(id);
        entities.addEndpoints(raw, List.of("game"));
        service.active(raw, 1);
        clock.addAndGet(120_000);
        try {
            entities.createEntity(raw, "game", new EntityRoutes.NewEntity(null, null, null, null));
            fail();
        } catch (ApiException e) {
            assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        }
        assertEquals(1L, entities.createEntity(raw, "game",
                new EntityRoutes.NewEntity(null, false, null, null)).entity().entity());
        AgentRulesTest.bad(() -> entities.deleteEntity("game", "1", false), "Agent not online or not exist");
        entities.deleteEntity("game", "1", true);
    }

    @Test
    public void statusAsksEveryNodeAndRecordsTheirAnswers() throws Exception {
        long a = reports.ingest(report("u-1", "node1", "10.0.0.5", 4));
        long b = reports.ingest(report("u-2", "node2", "10.0.0.6", 4));
        long now = System.currentTimeMillis() / 1000;
        // the fake clock of the service does not matter to the engine, which runs on real time
        AsyncHandle h = service.status("all", now, null, null, 0);
        AsyncRequestView done = h.finished().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(0, done.resultcode());
        assertEquals(List.of(a, b), done.agents());
        assertEquals(Map.of("cpu", Map.of("numbers", 2)), done.responses().get(0).details().get(0).result());
        AgentRulesTest.bad(() -> service.status("1,99", now, null, null, null), "agents id [99] can not be found");
        AgentRulesTest.bad(() -> service.status("all", now - 60, null, null, null), "offset time");
    }

    @Test
    public void reportsOfNewNodesCreateAgentsAtABoundedRateAndOversizedReportsAreRefused() throws Exception {
        NodeReports limited = new NodeReports(dao, registry, timer, 60_000, 3600, 2, 4096);
        limited.ingest(report("rate-1", "rate-host-1", "10.0.1.1", 4));
        limited.ingest(report("rate-2", "rate-host-2", "10.0.1.2", 4));
        try {
            limited.ingest(report("rate-3", "rate-host-3", "10.0.1.3", 4));
            fail("a third agent was created in the same minute");
        } catch (ApiException expected) {
            assertEquals(ErrorKind.UNAVAILABLE, expected.kind());
        }
        // known nodes keep reporting, and the next minute takes the new one
        limited.ingest(report("rate-1", "rate-host-1", "10.0.1.1", 4));
        clock.addAndGet(60_000);
        limited.ingest(report("rate-3", "rate-host-3", "10.0.1.3", 4));
        // review M9: the last resource report is kept in memory; a large one is refused
        String big = report("rate-1", "rate-host-1", "10.0.1.1", 4).toString()
                .replace("\"data\":{", "\"data\":{\"pad\":\"" + "x".repeat(5000) + "\",");
        try {
            limited.ingest(M.readTree(big));
            fail("an oversized report was kept");
        } catch (ApiException expected) {
            assertEquals(ErrorKind.BAD_REQUEST, expected.kind());
        }
    }

    @Test
    public void theNodeSchemeIsHttpOrHttps() {
        assertEquals("https", AgentServiceImpl.nodeScheme(" HTTPS "));
        assertEquals("http", AgentServiceImpl.nodeScheme("http"));
        try {
            AgentServiceImpl.nodeScheme("ftp");
            fail("ftp was taken as a node scheme");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("node.scheme"));
        }
    }
}
