package io.armada.agents.rest;

import java.util.List;
import java.util.Map;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.agents.NodeReportIntake;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;

/**
 * {@code POST /v1.0/reports}: the node reports of SPEC §6 (resource and service). The first report of a node
 * creates its agent (inactive); every report keeps it online for three report intervals.
 */
@Component(service = ReportsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("agents")
@WireDialect(Dialect.GOPERATION)
@Path("/v1.0/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    private final NodeReportIntake reports;

    @Activate
    public ReportsResource(@Reference NodeReportIntake reports) {
        this.reports = reports;
    }

    @POST
    public Object report(JsonNode body) {
        long id = reports.ingest(body);
        return Envelopes.Goperation.ok("report success", List.of(Map.of("agent_id", id)));
    }
}
