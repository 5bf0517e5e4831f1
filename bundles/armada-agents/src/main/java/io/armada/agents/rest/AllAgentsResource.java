package io.armada.agents.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.agents.AgentRoutes;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;

/** {@code GET /v1.0/allagents}: the ids of all live agents (the seed lists it at /agents by mistake). */
@Component(service = AllAgentsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("agents")
@WireDialect(Dialect.GOPERATION)
@Path("/v1.0/allagents")
@Produces(MediaType.APPLICATION_JSON)
public class AllAgentsResource {

    private final AgentRoutes agents;

    @Activate
    public AllAgentsResource(@Reference AgentRoutes agents) {
        this.agents = agents;
    }

    @GET
    public Object allagents(Object ignoredBody) {
        return Envelopes.Goperation.ok("Get all agent id success", agents.liveIds());
    }
}
