package io.armada.agents.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import io.armada.agents.AgentRoutes;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;

/**
 * Seed 000 cache routes. There is no Redis: {@code flush} makes the server forget which agent each node uuid is
 * (re-read from the database at the next report) and, with {@code online: true}, the online state of every agent
 * (offline until it reports again). {@code host/{host}/online} caches an agent's metadata for {@code expire} s.
 */
@Component(service = CachesResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("agents")
@WireDialect(Dialect.GOPERATION)
@Path("/v1.0/caches")
@Produces(MediaType.APPLICATION_JSON)
public class CachesResource {

    private final AgentRoutes agents;

    @Activate
    public CachesResource(@Reference AgentRoutes agents) {
        this.agents = agents;
    }

    @POST
    @Path("flush")
    public Object flush(Bodies.Flush body) {
        agents.flush(body != null && Boolean.TRUE.equals(body.online()));
        return Envelopes.Goperation.ok("Delete cache id success", null);
    }

    @POST
    @Path("host/{host}/online")
    public Object online(@PathParam("host") String host, Bodies.Online body) {
        Bodies.Online b = body == null ? new Bodies.Online(null, null, null) : body;
        Long id = agents.online(host, b.agent_type(), b.metadata(), b.expire());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("agent_id", id);
        return Envelopes.Goperation.ok("Cache online function run success", List.of(row));
    }
}
