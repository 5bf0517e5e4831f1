package io.armada.agents.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.armada.agents.internal.AgentsFixture;
import io.armada.core.Json;

/**
 * The exact JSON of every agent, cache, endpoint and entity route's answer (keys, types and values; key order aside),
 * through the resources and the real services on Derby, written by the mapper core's JSON provider writes with.
 * These pin the wire: a change of the services' or the rows' shapes that changes what a client reads fails here.
 */
public class RoutesJsonTest {
    private static final ObjectMapper WIRE = Json.newMapper();
    /** Expected answers are written with single quotes. */
    private static final ObjectMapper EXPECTED = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    private final AgentsFixture fx = new AgentsFixture();
    private AgentsResource agents;
    private AllAgentsResource all;
    private CachesResource caches;
    private AgentEndpointsResource agentEndpoints;
    private EndpointsResource endpoints;
    private EntitiesResource entities;
    private final List<String> pinned = new ArrayList<>();

    @Before
    public void setUp() throws Exception {
        fx.start();
        agents = new AgentsResource(fx.agents());
        all = new AllAgentsResource(fx.agents());
        caches = new CachesResource(fx.agents());
        agentEndpoints = new AgentEndpointsResource(fx.entities());
        endpoints = new EndpointsResource(fx.entities());
        entities = new EntitiesResource(fx.entities());
    }

    @After
    public void tearDown() {
        fx.stop();
    }

    /** The answer as a client reads it. */
    private static JsonNode wire(Object answer) throws Exception {
        return WIRE.readTree(WIRE.writeValueAsString(answer));
    }

    private void pin(String route, String expected, Object answer) throws Exception {
        assertEquals(route, EXPECTED.readTree(expected.replace("@REPORT", REPORT)), wire(answer));
        pinned.add(route);
    }

    /** The metadata of node1's agent: its node's last resource report, as the node sent it. */
    private static final String REPORT = "{'hostname':'node1','ip':'10.0.0.5','utc':1577179877,'type':'resource',"
            + "'node_uuid':'u-1','port':50002,'ports_range':['30000-40000'],'data':{'cpu':{'numbers':4,"
            + "'utilization':20.6},'memory':{'available':4958343168,'total':8589934592,'utilization':30.6},"
            + "'disk':{'/':{'type':1,'total':10737418240,'used':1,'utilization':1.0},'/boot':{'type':1,"
            + "'total':1073741824,'used':1,'utilization':1.0}},'diskio':{},'networkio':{}}}";

    @Test
    public void agentAndCacheRoutes() throws Exception {
        long a = fx.report("u-1", "node1", "10.0.0.5");
        pin("GET /v1.0/agents",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Get results success',"
                + "'data':[{'agent_id':1,'host':'node1','agent_type':'node','status':0,'cpu':4,"
                + "'memory':8192,'disk':11264,'endpoints':[],'create_time':1700000000}]}",
                agents.index(null));
        pin("GET /v1.0/allagents",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Get all agent id success','data':[1]}",
                all.allagents(null));
        pin("POST /v1.0/agents",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Create agent success',"
                + "'data':[{'agent_id':2,'host':'node2','status':0,'ports_range':['31000-31100'],"
                + "'endpoints':['game','web']}]}",
                agents.create(new Bodies.AgentCreate("node2", "application", 2, 1024, 2048,
                List.of("31000-31100"), List.of("game", "web"))));
        pin("GET /v1.0/agents (agent_type, order, desc, page_num)",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Get results success',"
                + "'data':[{'agent_id':2,'host':'node2','agent_type':'application','status':0,'cpu':2,"
                + "'memory':1024,'disk':2048,'endpoints':['game','web'],'create_time':1700000000}]}",
                agents.index(new Bodies.AgentList("application", "agent_id", true, false, 0)));
        pin("GET /v1.0/agents/{id}",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Show agent success',"
                + "'data':[{'agent_id':1,'host':'node1','agent_type':'node','status':0,'cpu':4,"
                + "'memory':8192,'disk':11264,'ports_range':['30000-40000'],'endpoints':{},"
                + "'metadata':@REPORT,'create_time':1700000000,'ip':'10.0.0.5','port':50002,'online':true,"
                + "'last_report':1700000000,'services':null}]}",
                agents.show(Long.toString(a), null));
        pin("PATCH /v1.0/agents/{id}/edit",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Update agent success',"
                + "'data':[{'cpu':6}]}",
                agents.edit(Long.toString(a), Map.of("cpu", 6)));
        pin("PUT /v1.0/agents/{ids}",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Update agent success',"
                + "'data':[{'agent_id':1,'host':'node1','agent_type':'node','status':0,'cpu':6,"
                + "'memory':4096,'disk':4096,'ports_range':['30000-40000']}]}",
                agents.update(Long.toString(a), Map.of("memory", 4096, "disk", 4096)));
        pin("PATCH /v1.0/agents/{id}/active",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Active agent success',"
                + "'data':[{'agent_id':1,'host':'node1','metadata':@REPORT,'status':1}]}",
                agents.active(Long.toString(a), new Bodies.Active(1)));
        pin("POST /v1.0/agents/{id}/report",
                "{'resultcode':0,'total':0,'pagenum':0,'result':'report success','data':[]}",
                agents.report(Long.toString(a), new Bodies.Report(
                EXPECTED.readTree("{'local_ip':'10.0.0.5','zone':'z1'}"), 30, null)));
        pin("GET /v1.0/agents/{id} (ports, entitys)",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Show agent success',"
                + "'data':[{'agent_id':1,'host':'node1','agent_type':'node','status':1,'cpu':6,"
                + "'memory':4096,'disk':4096,'ports_range':['30000-40000'],'endpoints':{},"
                + "'metadata':{'local_ip':'10.0.0.5','zone':'z1'},'create_time':1700000000,'ip':'10.0.0.5',"
                + "'port':50002,'online':true,'last_report':1700000000,'services':null}]}",
                agents.show(Long.toString(a), new Bodies.AgentShow(true, true)));
        pin("POST /v1.0/caches/host/{host}/online",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Cache online function run success',"
                + "'data':[{'agent_id':1}]}",
                caches.online("node1", new Bodies.Online("node",
                EXPECTED.readTree("{'local_ip':'10.0.0.5'}"), 60)));
        pin("POST /v1.0/caches/host/{host}/online (unknown)",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Cache online function run success',"
                + "'data':[{'agent_id':null}]}",
                caches.online("nobody", new Bodies.Online("node",
                EXPECTED.readTree("{}"), 60)));
        pin("POST /v1.0/caches/flush",
                "{'resultcode':0,'total':0,'pagenum':0,'result':'Delete cache id success','data':[]}",
                caches.flush(new Bodies.Flush(false)));

        JsonNode status = wire(agents.status(Long.toString(a),
                System.currentTimeMillis() / 1000, null, null, null, null));
        ObjectNode started = (ObjectNode) status.get("data").get(0);
        for (String varying : List.of("request_id", "request_time", "finishtime", "deadline")) {
            assertTrue(varying, varying.equals("request_id") ? started.get(varying).isTextual()
                    : started.get(varying).isIntegralNumber());
            started.put(varying, "*");
        }
        pin("GET /v1.0/agents/{id}/status",
                "{'resultcode':0,'total':1,'pagenum':0,"
                + "'result':'Status agent async request thread spawning','data':[{'request_id':'*',"
                + "'request_time':'*','finishtime':'*','deadline':'*','expire':180,'status':0,"
                + "'resultcode':-127,'result':'waiting respone'}]}",
                status);

        long b = fx.report("u-3", "node3", "10.0.0.6");
        pin("DELETE /v1.0/agents/{id}",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Delete agent success',"
                + "'data':[{'agent_id':3,'host':'node3','status':-127,'metadata':null,"
                + "'ports_range':['30000-40000']}]}",
                agents.delete(Long.toString(b), null));
        pin("POST /v1.0/agents/{id}/clean",
                "{'resultcode':0,'total':0,'pagenum':0,'result':'Clean deleted agent success','data':[]}",
                agents.clean(Long.toString(b), null));
        assertEquals(16, pinned.size());
    }

    @Test
    public void endpointAndEntityRoutes() throws Exception {
        long a = fx.report("u-1", "node1", "10.0.0.5");
        String id = Long.toString(a);
        agents.active(id, new Bodies.Active(1));
        pin("POST /v1.0/agent/{id}/endpoints",
                "{'resultcode':0,'total':2,'pagenum':0,'result':'add endpoints success','data':['game',"
                + "'web']}",
                agentEndpoints.addEndpoints(id, new Bodies.Endpoints(List.of("game", "web"))));
        pin("POST /v1.0/agent/{id}/endpoint/{e}/entitys",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'add entity success.',"
                + "'data':[{'entity':1,'agent_id':1,'metadata':@REPORT,'endpoint':'game','port':[30001,"
                + "31000]}]}",
                agentEndpoints.createEntity(id, "game",
                new Bodies.EntityCreate(java.util.Arrays.asList(30001, null), null, "first", null)));
        pin("POST /v1.0/agent/{id}/endpoint/{e}/entitys (no ports)",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'add entity success.',"
                + "'data':[{'entity':5,'agent_id':1,'metadata':@REPORT,'endpoint':'game','port':[]}]}",
                agentEndpoints.createEntity(id, "game",
                new Bodies.EntityCreate(null, false, null, 5L)));
        pin("GET /v1.0/agent/{id}/endpoints",
                "{'resultcode':0,'total':2,'pagenum':0,'result':'list endpoint on success',"
                + "'data':[{'agent_id':1,'endpoint':'game','entitys':[{'entity':1,'desc':'first',"
                + "'ports':[30001,31000]},{'entity':5,'desc':null,'ports':[]}]},{'agent_id':1,"
                + "'endpoint':'web','entitys':[]}]}",
                agentEndpoints.endpoints(id, null));
        pin("GET /v1.0/agent/{id}/endpoints/{e}",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'show endpoint success',"
                + "'data':[{'agent_id':1,'endpoint':'game','entitys':[{'entity':1,'desc':'first',"
                + "'ports':[30001,31000]},{'entity':5,'desc':null,'ports':[]}]}]}",
                agentEndpoints.endpoint(id, "game", null));
        pin("GET /v1.0/agent/{id}/endpoint/{e}/entitys",
                "{'resultcode':0,'total':2,'pagenum':0,'result':'show endpoint entitys success',"
                + "'data':[{'entity':1,'ports':[30001,31000]},{'entity':5,'ports':[]}]}",
                agentEndpoints.entitys(id, "game", new Bodies.ShowPorts(true)));
        pin("GET /v1.0/endpoints/{e}/agents",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'get agent for game success',"
                + "'data':[{'agent_id':1,'agent_host':'node1','cpu':4,'memory':8192}]}",
                endpoints.agents("Game", null));
        pin("GET /v1.0/endpoints/{e}/count",
                "{'resultcode':0,'total':2,'pagenum':0,'result':'count endpoint for success',"
                + "'data':[{'endpoint':'game','count':1},{'endpoint':'web','count':1}]}",
                endpoints.count("game,web", null));
        pin("GET /v1.0/endpoints/{e}/entitys",
                "{'resultcode':0,'total':2,'pagenum':0,'result':'get endpoint game entitys success',"
                + "'data':[{'agent_id':1,'entity':1,'desc':'first','ports':[30001,31000]},{'agent_id':1,"
                + "'entity':5,'desc':null,'ports':[]}]}",
                endpoints.entitys("game", null));
        pin("GET /v1.0/endpoint/{e}/entitys/{n}",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'show entity success',"
                + "'data':[{'endpoint':'game','agent_id':1,'metadata':@REPORT,'entity':1,'desc':'first',"
                + "'ports':[30001,31000]}]}",
                entities.show("game", "1", new Bodies.ShowPorts(true)));
        pin("GET /v1.0/agents/{id} (ports, entitys)",
                "{'resultcode':0,'total':1,'pagenum':0,'result':'Show agent success',"
                + "'data':[{'agent_id':1,'host':'node1','agent_type':'node','status':1,'cpu':4,"
                + "'memory':8192,'disk':11264,'ports_range':['30000-40000'],"
                + "'endpoints':{'game':[{'entity':1,'ports':[30001,31000]},{'entity':5,'ports':[]}],"
                + "'web':[]},'metadata':@REPORT,'create_time':1700000000,'ip':'10.0.0.5','port':50002,"
                + "'online':true,'last_report':1700000000,'services':null}]}",
                agents.show(id, new Bodies.AgentShow(true, true)));
        pin("DELETE /v1.0/endpoint/{e}/entitys/{n}",
                "{'resultcode':0,'total':0,'pagenum':0,'result':'delete entity success.','data':[]}",
                entities.delete("game", "5", null));
        pin("DELETE /v1.0/agent/{id}/endpoints/{e}",
                "{'resultcode':0,'total':0,'pagenum':0,'result':'delete endpoints success','data':[]}",
                agentEndpoints.deleteEndpoints(id, "web", null));
        assertEquals(13, pinned.size());
    }
}
