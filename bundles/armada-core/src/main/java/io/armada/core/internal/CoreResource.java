package io.armada.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.core.Answers;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.PublicRoute;
import io.armada.core.RouteCatalog;

/**
 * Core's own routes: {@code GET /health} (no token: role, version, live areas) and {@code GET /openapi.json} (the
 * live routes as an OpenAPI 3 document).
 */
@Component(service = CoreResource.class)
@JaxrsResource
@JaxrsName("armada.core")
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("core")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CoreResource {

    private final RouteCatalog catalog;
    private final String version;
    private final String role;
    private volatile Object healthVersion;
    private volatile Map<String, Object> health;
    private volatile Object openApiVersion;
    private volatile Map<String, Object> openApi;

    @Activate
    public CoreResource(BundleContext context, @Reference RouteCatalog catalog) {
        this.catalog = catalog;
        String v = context.getBundle().getHeaders().get("Armada-Version");
        this.version = v != null ? v : context.getBundle().getVersion().toString();
        this.role = System.getProperty("armada.role", "server");
    }

    @GET
    @Path("health")
    @PublicRoute
    public Response health() {
        Object v = catalog.routes(); // a new list object exactly when the routes change
        Map<String, Object> h = health;
        if (h == null || v != healthVersion) {
            h = new LinkedHashMap<>();
            h.put("status", "UP");
            h.put("role", role);
            h.put("version", version);
            h.put("areas", catalog.areas());
            health = h;
            healthVersion = v;
        }
        return Answers.ok(h);
    }

    @GET
    @Path("openapi.json")
    public Map<String, Object> openApi() {
        Object v = catalog.routes(); // a new list object exactly when the routes change
        Map<String, Object> doc = openApi;
        if (doc == null || v != openApiVersion) {
            doc = OpenApiDocument.build(catalog.routes(), version, role);
            openApi = doc;
            openApiVersion = v;
        }
        return doc;
    }
}
