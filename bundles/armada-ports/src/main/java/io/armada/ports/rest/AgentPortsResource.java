package io.armada.ports.rest;

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

import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.Goperation;
import io.armada.core.WireDialect;
import io.armada.ports.PortService;

/** {@code GET /v1.0/agent/{agent_id}/ports}: every port allocated on an agent (seed 000 allocated_ports). */
@Component(service = AgentPortsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("ports")
@WireDialect(Dialect.GOPERATION)
@Path(AgentPortsResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class AgentPortsResource {
    public static final String PATH = "/v1.0/agent/{agent_id}/ports";

    private final PortService ports;

    @Activate
    public AgentPortsResource(@Reference PortService ports) {
        this.ports = ports;
    }

    @GET
    public Object list(@PathParam("agent_id") String agentId, Object ignoredBody) {
        long id = Goperation.oneAgent(agentId);
        ports.owner(id);
        return Envelopes.Goperation.ok("list ports success",
                ports.list(id).stream().map(a -> PortRows.row(a, true)).toList());
    }
}
