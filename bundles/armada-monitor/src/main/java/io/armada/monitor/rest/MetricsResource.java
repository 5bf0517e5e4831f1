package io.armada.monitor.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.core.Answers;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.monitor.MonitorService;

/**
 * {@code GET /metrics}: the node's figures in the Prometheus text format (not JSON), with node_exporter's names
 * where the figure is the same, so existing dashboards work. It needs the fleet token like every route but
 * {@code /health} (Prometheus: {@code authorization: {credentials: <token>}} sends it as a Bearer token); errors
 * are Armada's own (HTTP 401 and friends), which a scraper understands, not the monitor dialect's HTTP 200.
 */
@Component(service = MetricsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("monitor")
@Path("/metrics")
public class MetricsResource {
    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MonitorService monitor;

    @Activate
    public MetricsResource(@Reference MonitorService monitor) {
        this.monitor = monitor;
    }

    @GET
    @Produces(CONTENT_TYPE)
    public Response metrics() {
        return Answers.ok(monitor.metrics());
    }
}
