package io.armada.testarea.internal;

import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;

/** A goperation route under /v1.0, for the optional .json format suffix. */
@Component(service = V10Resource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("testarea")
@WireDialect(Dialect.GOPERATION)
@Path("/v1.0/testarea")
@Produces(MediaType.APPLICATION_JSON)
public class V10Resource {
    @GET
    @Path("ping")
    public Object ping() {
        return Envelopes.Goperation.one("pong", Map.of("pong", true));
    }
}
