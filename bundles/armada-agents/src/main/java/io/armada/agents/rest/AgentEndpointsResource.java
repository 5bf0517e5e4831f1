package io.armada.agents.rest;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.agents.EntityRoutes;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;

/**
 * Seed 000 routes of one agent's endpoints and entities: {@code /v1.0/agent/{agent_id}/endpoints[/{endpoint}]}
 * and {@code /v1.0/agent/{agent_id}/endpoint/{endpoint}/entitys}. (The ports routes under the same prefix belong to
 * armada-ports: their longer paths win.)
 */
@Component(service = AgentEndpointsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("agents")
@WireDialect(Dialect.GOPERATION)
@Path("/v1.0/agent/{agent_id}")
@Produces(MediaType.APPLICATION_JSON)
public class AgentEndpointsResource {

    private final EntityRoutes entities;

    @Activate
    public AgentEndpointsResource(@Reference EntityRoutes entities) {
        this.entities = entities;
    }

    @GET
    @Path("endpoints")
    public Object endpoints(@PathParam("agent_id") String agentId, Object ignoredBody) {
        return Envelopes.Goperation.ok("list endpoint on success", EntityRows.endpoints(entities.endpoints(agentId)));
    }

    @POST
    @Path("endpoints")
    public Object addEndpoints(@PathParam("agent_id") String agentId, Bodies.Endpoints body) {
        return Envelopes.Goperation.ok("add endpoints success",
                entities.addEndpoints(agentId, body == null ? null : body.endpoints()));
    }

    @GET
    @Path("endpoints/{endpoint}")
    public Object endpoint(@PathParam("agent_id") String agentId, @PathParam("endpoint") String endpoint,
            Object ignoredBody) {
        return Envelopes.Goperation.one("show endpoint success", EntityRows.endpoint(entities.endpoint(agentId, endpoint)));
    }

    @DELETE
    @Path("endpoints/{endpoint}")
    public Object deleteEndpoints(@PathParam("agent_id") String agentId, @PathParam("endpoint") String endpoint,
            Object ignoredBody) {
        entities.deleteEndpoints(agentId, endpoint);
        return Envelopes.Goperation.ok("delete endpoints success", null);
    }

    @GET
    @Path("endpoint/{endpoint}/entitys")
    public Object entitys(@PathParam("agent_id") String agentId, @PathParam("endpoint") String endpoint,
            Bodies.ShowPorts body) {
        boolean ports = body != null && Boolean.TRUE.equals(body.ports());
        return Envelopes.Goperation.ok("show endpoint entitys success", 
                EntityRows.ofAgent(entities.entities(agentId, endpoint, ports)));
    }

    @POST
    @Path("endpoint/{endpoint}/entitys")
    public Object createEntity(@PathParam("agent_id") String agentId, @PathParam("endpoint") String endpoint,
            Bodies.EntityCreate body) {
        Bodies.EntityCreate b = body == null ? new Bodies.EntityCreate(null, null, null, null) : body;
        return Envelopes.Goperation.one("add entity success.", EntityRows.created(entities.createEntity(agentId,
                endpoint, new EntityRoutes.NewEntity(b.ports(), b.notifyAgent(), b.desc(), b.entity()))));
    }
}
