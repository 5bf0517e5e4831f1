package io.armada.agents.rest;

import javax.ws.rs.DELETE;
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

/** Seed 000 {@code show_entity} and {@code delete_entity}: {@code /v1.0/endpoint/{endpoint}/entitys/{entity}}. */
@Component(service = EntitiesResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("agents")
@WireDialect(Dialect.GOPERATION)
@Path("/v1.0/endpoint/{endpoint}/entitys/{entity}")
@Produces(MediaType.APPLICATION_JSON)
public class EntitiesResource {

    private final EntityRoutes entities;

    @Activate
    public EntitiesResource(@Reference EntityRoutes entities) {
        this.entities = entities;
    }

    @GET
    public Object show(@PathParam("endpoint") String endpoint, @PathParam("entity") String entity,
            Bodies.ShowPorts body) {
        boolean ports = body != null && Boolean.TRUE.equals(body.ports());
        return Envelopes.Goperation.one("show entity success", EntityRows.shown(entities.showEntity(endpoint, entity, ports)));
    }

    @DELETE
    public Object delete(@PathParam("endpoint") String endpoint, @PathParam("entity") String entity,
            Bodies.Force body) {
        entities.deleteEntity(endpoint, entity, body != null && Boolean.TRUE.equals(body.force()));
        return Envelopes.Goperation.ok("delete entity success.", null);
    }
}
