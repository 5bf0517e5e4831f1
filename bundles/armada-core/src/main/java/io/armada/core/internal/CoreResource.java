package io.armada.core.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * Core's own routes: {@code GET /health} (no token: status, role, live areas) and {@code GET /openapi.json} (the
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

    private final BundleContext context;
    private final RouteCatalog catalog;
    private volatile boolean up;
    private final ServiceRegistration<?> guardAnswer;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = io.armada.core.Json.newMapper();
    private final String version;
    private final String role;
    private volatile Object healthVersion;
    private volatile Map<String, Object> health;
    private volatile Object openApiVersion;
    private volatile Map<String, Object> openApi;

    @Activate
    public CoreResource(BundleContext context, @Reference RouteCatalog catalog) {
        this.context = context;
        this.catalog = catalog;
        String v = context.getBundle().getHeaders().get("Armada-Version");
        this.version = v != null ? v : context.getBundle().getVersion().toString();
        this.role = System.getProperty("armada.role", "server");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("armada.health", "core");
        Supplier<Object[]> forGuard = this::healthForGuard;
        this.guardAnswer = context.registerService(Supplier.class, forGuard, props);
    }

    @Deactivate
    void deactivate() {
        try {
            guardAnswer.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }

    /**
     * {@code 200 {"status":"UP",...}} once every area of the role is live, {@code 503 {"status":"STARTING",...}}
     * before (the HTTP guard answers the same before core is up). Once up, it stays up: an area swapped or removed
     * on a running instance is the operator's doing, and {@code areas} tells what is live. No version here: it is
     * in {@code /openapi.json}, behind the token (security review L12).
     */
    @GET
    @Path("health")
    @PublicRoute
    public Response health() {
        Map<String, Object> h = healthBody();
        if (!"UP".equals(h.get("status"))) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Retry-After", "1").header("Cache-Control", "no-store").entity(h).build();
        }
        return Answers.ok(h);
    }

    /**
     * What {@code /health} answers, for the HTTP guard: {@code {Integer status, byte[] json}}. The guard (bundle
     * armada-http-guard) answers {@code /health} with it before the request reaches a servlet, so the answer does not
     * depend on the JAX-RS whiteboard being rebuilt at that moment; the route above gives the same.
     */
    Object[] healthForGuard() {
        Map<String, Object> h = healthBody();
        try {
            return new Object[] {"UP".equals(h.get("status")) ? 200 : 503, JSON.writeValueAsBytes(h)};
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code {"status":"UP",...}} once every area of the role is live, {@code {"status":"STARTING",...}} (HTTP 503)
     * before (the HTTP guard answers the same before core is up). Once up, it stays up: an area swapped or removed
     * on a running instance is the operator's doing, and {@code areas} tells what is live. No version here: it is
     * in {@code /openapi.json}, behind the token (security review L12).
     */
    Map<String, Object> healthBody() {
        Object v = catalog.routes(); // a new list object exactly when the routes change
        Map<String, Object> h = health;
        if (h == null || v != healthVersion) {
            SortedSet<String> areas = catalog.areas();
            h = new LinkedHashMap<>();
            if (!up) {
                Set<String> waiting = new TreeSet<>(expectedAreas());
                waiting.removeAll(areas);
                up = waiting.isEmpty();
                h.put("status", up ? "UP" : "STARTING");
                h.put("role", role);
                h.put("areas", areas);
                if (!up) {
                    h.put("waiting", waiting);
                }
            } else {
                h.put("status", "UP");
                h.put("role", role);
                h.put("areas", areas);
            }
            // while starting, look again at every call: areas arrive without a route change of core's making
            health = up ? h : null;
            healthVersion = v;
        }
        return h;
    }

    /**
     * The areas the role boots: each {@code armada-*} feature of {@code armada.boot.<role>} whose bundle is installed
     * and serves JAX-RS resources (bnd writes an {@code osgi.jaxrs} implementation requirement for those), named as
     * its area (the bundle name without {@code armada-}). An area the operator uninstalled is not waited for.
     */
    Set<String> expectedAreas() {
        String boot = System.getProperty("armada.boot." + role, "");
        Set<String> names = new TreeSet<>();
        for (String f : boot.split(",")) {
            String name = f.trim();
            if (name.startsWith("armada-")) {
                names.add(name);
            }
        }
        Set<String> expected = new TreeSet<>();
        for (Bundle b : context.getBundles()) {
            if (names.contains(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED && servesJaxrs(b)) {
                expected.add(b.getSymbolicName().substring("armada-".length()));
            }
        }
        return expected;
    }

    static boolean servesJaxrs(Bundle b) {
        String req = b.getHeaders("").get(Constants.REQUIRE_CAPABILITY);
        return req != null && req.contains("(osgi.implementation=osgi.jaxrs)");
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
