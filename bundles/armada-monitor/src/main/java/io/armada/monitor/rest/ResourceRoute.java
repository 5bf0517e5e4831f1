package io.armada.monitor.rest;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Answers;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.Json;
import io.armada.core.WireDialect;
import io.armada.monitor.MonitorService;
import io.armada.monitor.ResourceFigures;

/**
 * {@code /api/v1/monitor/resource}, every figure in one answer (GET and POST), in a class of its own: it is the
 * route a server or a dashboard polls on every node. CXF 3.6 builds a log message for each method of the matched
 * class that it tries, whatever the log level, so the most called route lives where it is the only candidate
 * (JAX-RS picks this class over {@link MonitorResource} for its longer path). The answer carries its Date header
 * ({@link Answers}) and is written as JSON once per sample of the figures (once a second), not once per request.
 */
@Component(service = ResourceRoute.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("monitor")
@WireDialect(Dialect.MONITOR)
@Path(MonitorResource.PATH + "/resource")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceRoute {
    private static final ObjectMapper JSON = Json.newMapper();

    private final MonitorService monitor;

    @Activate
    public ResourceRoute(@Reference MonitorService monitor) {
        this.monitor = monitor;
    }

    /** The last figures and their answer as JSON: the figures change once a second, the answer is asked for often. */
    private record Written(ResourceFigures figures, byte[] json) {
    }

    private volatile Written last;

    @GET
    public Response resource() throws JsonProcessingException {
        return Answers.ok(answer());
    }

    /** The envelope of the current figures as JSON, written again only when the figures are new. */
    byte[] answer() throws JsonProcessingException {
        ResourceFigures figures = monitor.resource();
        Written w = last;
        if (w == null || w.figures() != figures) {
            w = new Written(figures, JSON.writeValueAsBytes(Envelopes.Monitor.ok(SeedRows.resource(figures))));
            last = w;
        }
        return w.json();
    }

    @POST
    public Response resourcePost() throws JsonProcessingException {
        return resource();
    }
}
