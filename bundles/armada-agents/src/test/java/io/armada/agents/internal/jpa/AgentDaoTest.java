package io.armada.agents.internal.jpa;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.armada.agents.AgentStatus;
import io.armada.agents.internal.AgentDao;
import io.armada.agents.internal.AgentRow;
import io.armada.agents.internal.EntityDao;
import io.armada.agents.internal.EntityRow;
import io.armada.persistence.JpaStore;
import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.persistence.DuplicateKeyException;

public class AgentDaoTest extends DerbyTestSupport {
    private AgentDao dao;
    private EntityDao entities;

    @Before
    public void setUp() throws Exception {
        JpaStore store = open();
        dao = new JpaAgentDao(store);
        entities = new JpaEntityDao(store);
    }

    @After
    public void tearDown() {
        close();
    }

    private static void bad(Runnable r, String text) {
        io.armada.core.testing.ApiErrors.badRequest(text, r);
    }

    static AgentRow agent(String host, String uuid) {
        return new AgentRow(null, host, "node", AgentStatus.UNACTIVE, 0, 0, 0, "[\"30000-30100\"]", 1, uuid, null, null,
                null);
    }

    @Test
    public void hostsAreUniqueAmongLiveAgentsOnly() {
        AgentRow a = dao.create(agent("h1", null), List.of("game"));
        assertTrue(a.agentId() > 0);
        try {
            dao.create(agent("h1", null), List.of());
            fail("second live agent with the same host");
        } catch (DuplicateKeyException expected) {
            // the database refused it
        }
        dao.markDeleted(a.agentId(), x -> { });
        assertEquals(AgentStatus.DELETED, dao.find(a.agentId()).orElseThrow().status());
        AgentRow b = dao.create(agent("h1", null), List.of());
        assertTrue(b.agentId() > a.agentId());
        assertEquals(List.of(b.agentId()), dao.all(false).stream().map(x -> x.agentId()).toList());
        assertEquals(List.of(a.agentId()), dao.all(true).stream().map(x -> x.agentId()).toList());
        assertEquals(1, dao.page(null, false, "host", true, 0, 200).total());
    }

    @Test
    public void nodeUuidsAreUnique() {
        dao.create(agent("h1", "u1"), List.of());
        try {
            dao.create(agent("h2", "u1"), List.of());
            fail("two agents for one node");
        } catch (DuplicateKeyException expected) {
            // the database refused it
        }
        assertEquals("h1", dao.findByNodeUuid("u1").orElseThrow().host());
    }

    @Test
    public void entityNumbersArePerEndpointAcrossAgents() {
        long a1 = dao.create(agent("h1", null), List.of("game")).agentId();
        long a2 = dao.create(agent("h2", null), List.of("game", "web")).agentId();
        dao.change(a1, x -> x.withStatus(AgentStatus.ACTIVE));
        dao.change(a2, x -> x.withStatus(AgentStatus.ACTIVE));
        assertEquals(1, entities.createEntity(a1, "game", null, null, 1, x -> { }).entity());
        assertEquals(2, entities.createEntity(a2, "game", null, "d", 1, x -> { }).entity());
        assertEquals(1, entities.createEntity(a2, "web", null, null, 1, x -> { }).entity());
        bad(() -> entities.createEntity(a1, "game", 2L, null, 1, x -> { }), "lower than the next entity 3");
        assertEquals(10, entities.createEntity(a1, "game", 10L, null, 1, x -> { }).entity());
        assertEquals(11, entities.createEntity(a1, "game", null, null, 1, x -> { }).entity());
        bad(() -> entities.createEntity(a1, "web", null, null, 1, x -> { }), "has no endpoint web");
        assertEquals(List.of(1L, 10L, 11L), entities.entities(a1, "game").stream().map(n -> n.entity()).toList());
        assertEquals(4, entities.entitiesOfEndpoint("game").size());
        EntityRow two = entities.entity("game", 2).orElseThrow();
        assertEquals(a2, two.agentId());
        assertEquals("d", two.desc());
    }

    @Test
    public void entitiesNeedAnActiveAgentAndBlockDeletes() {
        long id = dao.create(agent("h1", null), List.of("game")).agentId();
        bad(() -> entities.createEntity(id, "game", null, null, 1, x -> { }), "agent status is not active");
        dao.change(id, x -> x.withStatus(AgentStatus.ACTIVE));
        entities.createEntity(id, "game", null, null, 1, x -> { });
        bad(() -> dao.markDeleted(id, x -> { }), "Can not delete agent, entity not 0");
        try {
            entities.deleteEndpoints(id, List.of("game"));
            fail();
        } catch (ApiException e) {
            assertEquals(ErrorKind.REFUSED, e.kind());
            assertEquals("delete endpoints fail, entitys still in endpoint", e.getMessage());
        }
        assertTrue(entities.hasEndpoint(id, "game"));
        assertTrue(entities.deleteEntity("game", 1));
        assertFalse(entities.deleteEntity("game", 1));
        assertEquals(1, entities.deleteEndpoints(id, List.of("game", "none")));
        assertFalse(entities.hasEndpoint(id, "game"));
    }

    @Test
    public void cleanRemovesOnlyDeletedAgents() {
        long id = dao.create(agent("h1", null), List.of("game")).agentId();
        bad(() -> dao.clean(id), "agent is not deleted");
        dao.markDeleted(id, x -> { });
        dao.clean(id);
        assertTrue(dao.find(id).isEmpty());
        assertEquals(List.of(), entities.endpoints(id));
        try {
            dao.clean(id);
            fail();
        } catch (ApiException e) {
            assertEquals(ErrorKind.NOT_FOUND, e.kind());
        }
    }

    @Test
    public void endpointsAreAddedAllOrNothing() {
        long id = dao.create(agent("h1", null), List.of("game")).agentId();
        bad(() -> entities.addEndpoints(id, List.of("web", "game")), "Endpoint game exists");
        assertEquals(List.of("game"), entities.endpoints(id));
        entities.addEndpoints(id, List.of("web", "db"));
        assertEquals(List.of("db", "game", "web"), entities.endpoints(id));
        assertEquals(1, entities.agentsWithEndpoint("web").size());
        assertEquals(1, entities.countEndpoint("web"));
        assertEquals(Map.of(id, List.of("db", "game", "web")), entities.endpoints(List.of(id)));
    }

    @Test
    public void lastReportsAreWrittenInOneBatchAndNeverGoBack() {
        long a = dao.create(agent("h1", null), List.of()).agentId();
        long b = dao.create(agent("h2", null), List.of()).agentId();
        dao.lastReports(Map.of(a, 100L, b, 200L));
        assertEquals(Long.valueOf(100), dao.find(a).orElseThrow().lastReport());
        dao.lastReports(Map.of(a, 50L, b, 300L));
        assertEquals(Long.valueOf(100), dao.find(a).orElseThrow().lastReport());
        assertEquals(Long.valueOf(300), dao.find(b).orElseThrow().lastReport());
    }
}
