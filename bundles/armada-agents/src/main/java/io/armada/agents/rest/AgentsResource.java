package io.armada.agents.rest;

import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.agents.AgentRoutes;
import io.armada.agents.AgentStatus;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.agents.AsyncHandle;
import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

/**
 * Seed 000 agent routes under {@code /v1.0/agents}: index, create, show, update (PUT, real here), delete, status
 * (async), upgrade, active, clean, edit, report.
 */
@Component(service = AgentsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("agents")
@WireDialect(Dialect.GOPERATION)
@Path(AgentsResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {
    public static final String PATH = "/v1.0/agents";

    private final AgentRoutes agents;

    @Activate
    public AgentsResource(@Reference AgentRoutes agents) {
        this.agents = agents;
    }

    @GET
    public Object index(Bodies.AgentList body) {
        Bodies.AgentList b = body == null ? new Bodies.AgentList(null, null, null, null, null) : body;
        AgentRoutes.Page p = agents.index(b.agent_type(), b.order(), Boolean.TRUE.equals(b.desc()),
                Boolean.TRUE.equals(b.deleted()), b.page_num());
        return Envelopes.Goperation.page(p.rows().isEmpty() ? "No result found" : "Get results success",
                AgentRows.listed(p.rows()), p.total(), p.pagenum());
    }

    @POST
    public Object create(Bodies.AgentCreate body) {
        if (body == null) {
            throw ApiException.badRequest("Can not find argument: host");
        }
        return Envelopes.Goperation.one("Create agent success", AgentRows.created(agents.create(
                new AgentRoutes.NewAgent(body.host(), body.agent_type(), body.cpu(), body.memory(), body.disk(),
                        body.ports_range(), body.endpoints()))));
    }

    @GET
    @Path("{agent_id}")
    public Object show(@PathParam("agent_id") String agentId, Bodies.AgentShow body) {
        boolean ports = body != null && Boolean.TRUE.equals(body.ports());
        boolean entitys = body != null && Boolean.TRUE.equals(body.entitys());
        return Envelopes.Goperation.one("Show agent success", AgentRows.shown(agents.show(agentId, ports, entitys)));
    }

    @PUT
    @Path("{agent_id}")
    public Object update(@PathParam("agent_id") String agentId, Map<String, Object> body) {
        return Envelopes.Goperation.ok("Update agent success", AgentRows.updated(agents.update(agentId, body)));
    }

    @DELETE
    @Path("{agent_id}")
    public Object delete(@PathParam("agent_id") String agentId, Bodies.Force body) {
        boolean force = body != null && Boolean.TRUE.equals(body.force());
        return Envelopes.Goperation.one("Delete agent success", AgentRows.deleted(agents.delete(agentId, force)));
    }

    @GET
    @Path("{agent_id}/status")
    public Object status(@PathParam("agent_id") String agentId, @QueryParam("request_time") Long requestTime,
            @QueryParam("finishtime") Long finishtime, @QueryParam("deadline") Long deadline,
            @QueryParam("expire") Integer expire, Bodies.Async body) {
        Bodies.Async b = body == null ? new Bodies.Async(null, null, null, null) : body;
        AsyncHandle h = agents.status(agentId, first(b.request_time(), requestTime), first(b.finishtime(), finishtime),
                first(b.deadline(), deadline), first(b.expire(), expire));
        return Envelopes.Goperation.one("Status agent async request thread spawning", AsyncRows.started(h.started()));
    }

    private static <T> T first(T body, T query) {
        return body != null ? body : query;
    }

    @POST
    @Path("{agent_id}/upgrade")
    public Object upgrade(@PathParam("agent_id") String agentId, Object body) {
        throw new ApiException(ErrorKind.NOT_IMPLEMENTED, "Upgrade agent is not available: an Armada node is"
                + " upgraded with its distribution (bundle:update or a new archive), not through the server");
    }

    @PATCH
    @Path("{agent_id}/active")
    public Object active(@PathParam("agent_id") String agentId, Bodies.Active body) {
        AgentRoutes.Activated x = agents.active(agentId, body == null ? null : body.status());
        return Envelopes.Goperation.one(x.agent().status() == AgentStatus.ACTIVE ? "Active agent success"
                : "Unactive agent success", AgentRows.activated(x));
    }

    @POST
    @Path("{agent_id}/clean")
    public Object clean(@PathParam("agent_id") String agentId, Object body) {
        agents.clean(agentId);
        return Envelopes.Goperation.ok("Clean deleted agent success", null);
    }

    @PATCH
    @Path("{agent_id}/edit")
    public Object edit(@PathParam("agent_id") String agentId, Map<String, Object> body) {
        agents.edit(agentId, body);
        return Envelopes.Goperation.one("Update agent success", body);
    }

    @POST
    @Path("{agent_id}/report")
    public Object report(@PathParam("agent_id") String agentId, Bodies.Report body) {
        Bodies.Report b = body == null ? new Bodies.Report(null, null, null) : body;
        agents.report(agentId, b.metadata(), b.expire());
        return Envelopes.Goperation.ok("report success", null);
    }
}
