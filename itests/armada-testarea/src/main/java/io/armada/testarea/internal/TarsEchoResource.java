package io.armada.testarea.internal;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;

/** Echo routes in the TARS dialect. */
@Component(service = TarsEchoResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("testarea")
@WireDialect(Dialect.TARS)
@Path("/testarea/tars")
public class TarsEchoResource extends EchoResource {
    @Override
    protected Object ok(Object data) {
        return Envelopes.Tars.ok(data);
    }
}
