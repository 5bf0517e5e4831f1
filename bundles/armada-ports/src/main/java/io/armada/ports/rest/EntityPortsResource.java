package io.armada.ports.rest;

import java.util.List;
import java.util.Map;

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

import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.Goperation;
import io.armada.core.WireDialect;
import io.armada.ports.PortService;

/**
 * The ports of one entity (seed 000 ports, create_port, delete_port):
 * {@code GET|POST /v1.0/agent/{agent_id}/endpoint/{endpoint}/entity/{entity}/ports} and
 * {@code DELETE .../ports/{p1,p2}}.
 */
@Component(service = EntityPortsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("ports")
@WireDialect(Dialect.GOPERATION)
@Path(EntityPortsResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class EntityPortsResource {
    public static final String PATH = "/v1.0/agent/{agent_id}/endpoint/{endpoint}/entity/{entity}/ports";

    private final PortService ports;

    @Activate
    public EntityPortsResource(@Reference PortService ports) {
        this.ports = ports;
    }

    @GET
    public Object list(@PathParam("agent_id") String agentId, @PathParam("endpoint") String endpoint,
            @PathParam("entity") String entity, Object ignoredBody) {
        long id = Goperation.oneAgent(agentId);
        long n = Goperation.entity(entity);
        ports.owner(id);
        return Envelopes.Goperation.ok("list ports success",
                ports.list(id, endpoint, n).stream().map(a -> PortRows.row(a, false)).toList());
    }

    @POST
    public Object allocate(@PathParam("agent_id") String agentId, @PathParam("endpoint") String endpoint,
            @PathParam("entity") String entity, AllocateRequest body) {
        long id = Goperation.oneAgent(agentId);
        long n = Goperation.entity(entity);
        if (body == null || body.ports() == null) {
            throw ApiException.badRequest("Ports is None for allocate ports");
        }
        List<Integer> got = ports.allocate(id, endpoint, n, body.ports(), body.desc());
        return Envelopes.Goperation.one("edit ports success",
                PortRows.result(id, endpoint, n, got));
    }

    @DELETE
    @Path("{ports}")
    public Object free(@PathParam("agent_id") String agentId, @PathParam("endpoint") String endpoint,
            @PathParam("entity") String entity, @PathParam("ports") String list, FreeRequest body) {
        long id = Goperation.oneAgent(agentId);
        long n = Goperation.entity(entity);
        List<Integer> wanted = Goperation.ports(list);
        boolean strict = body == null || body.strict() == null || body.strict();
        ports.owner(id);
        int freed = ports.free(id, endpoint, n, wanted, strict);
        Map<String, Object> row = PortRows.result(id, endpoint, n, wanted);
        row.put("freed", freed);
        return Envelopes.Goperation.one("edit ports success", row);
    }
}
