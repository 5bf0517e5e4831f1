package io.armada.agents.rest;

import javax.ws.rs.GET;
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

/** Seed 000 routes across agents: {@code /v1.0/endpoints/{endpoint}/agents|count|entitys}. */
@Component(service = EndpointsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("agents")
@WireDialect(Dialect.GOPERATION)
@Path("/v1.0/endpoints/{endpoint}")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointsResource {

    private final EntityRoutes entities;

    @Activate
    public EndpointsResource(@Reference EntityRoutes entities) {
        this.entities = entities;
    }

    @GET
    @Path("agents")
    public Object agents(@PathParam("endpoint") String endpoint, Object ignoredBody) {
        var rows = EntityRows.agents(entities.endpointAgents(endpoint));
        return Envelopes.Goperation.ok("get agent for " + endpoint.toLowerCase(java.util.Locale.ROOT) + " success",
                rows);
    }

    @GET
    @Path("count")
    public Object count(@PathParam("endpoint") String endpoint, Object ignoredBody) {
        return Envelopes.Goperation.ok("count endpoint for success", EntityRows.counts(entities.endpointCount(endpoint)));
    }

    @GET
    @Path("entitys")
    public Object entitys(@PathParam("endpoint") String endpoint, Object ignoredBody) {
        var rows = EntityRows.ofEndpoint(entities.endpointEntities(endpoint));
        return Envelopes.Goperation.ok("get endpoint " + endpoint.toLowerCase(java.util.Locale.ROOT)
                + " entitys success", rows);
    }
}
