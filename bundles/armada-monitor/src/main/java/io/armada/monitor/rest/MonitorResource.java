package io.armada.monitor.rest;

import java.io.InputStream;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.monitor.IpSettings;
import io.armada.monitor.MonitorService;
import io.armada.monitor.NodeControl;

/**
 * Every route of seed 003 under {@code /api/v1/monitor/} in the monitor dialect
 * ({@code {"code":0,"msg":"成功","data":{...}}}; errors {@code {"code":N,"msg":...}} with HTTP 200). The read-only
 * routes answer GET and POST (SPEC §6); the others POST only. Bodies are read as JSON even without a Content-Type
 * (core), and GET may carry the same JSON body or query parameters.
 */
@Component(service = MonitorResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("monitor")
@WireDialect(Dialect.MONITOR)
@Path(MonitorResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class MonitorResource {
    public static final String PATH = "/api/v1/monitor";

    private final MonitorService monitor;
    private final ComponentServiceObjects<NodeControl> controlObjects;
    private NodeControl control;

    /**
     * Node control is taken on its first use: most nodes never get a control call, and until then its component
     * (crontab, ifcfg, PAM, ...) is neither activated nor loaded.
     */
    @Activate
    public MonitorResource(@Reference MonitorService monitor,
            @Reference(name = "control") ComponentServiceObjects<NodeControl> controlObjects) {
        this.monitor = monitor;
        this.controlObjects = controlObjects;
    }

    @Deactivate
    synchronized void deactivate() {
        if (control != null) {
            controlObjects.ungetService(control);
            control = null;
        }
    }

    private synchronized NodeControl control() {
        if (control == null) {
            control = controlObjects.getService();
            if (control == null) {
                throw ApiException.unavailable("node control is not available");
            }
        }
        return control;
    }

    private static Envelopes.Monitor ok(Object data) {
        return Envelopes.Monitor.ok(data);
    }

    // ------------------------------------------------------------------ figures: GET and POST

    @GET
    @Path("cpu")
    public Envelopes.Monitor cpu() {
        return ok(SeedRows.cpu(monitor.cpu()));
    }

    @POST
    @Path("cpu")
    public Envelopes.Monitor cpuPost() {
        return cpu();
    }

    @GET
    @Path("cpuvt")
    public Envelopes.Monitor cpuvt() {
        return ok(SeedRows.cpuvt(monitor.cpuvt()));
    }

    @POST
    @Path("cpuvt")
    public Envelopes.Monitor cpuvtPost() {
        return cpuvt();
    }

    @GET
    @Path("memory")
    public Envelopes.Monitor memory() {
        return ok(SeedRows.memory(monitor.memory()));
    }

    @POST
    @Path("memory")
    public Envelopes.Monitor memoryPost() {
        return memory();
    }

    @GET
    @Path("disk")
    public Envelopes.Monitor disk() {
        return ok(SeedRows.disk(monitor.disk()));
    }

    @POST
    @Path("disk")
    public Envelopes.Monitor diskPost() {
        return disk();
    }

    @GET
    @Path("diskio")
    public Envelopes.Monitor diskio() {
        return ok(SeedRows.diskio(monitor.diskio()));
    }

    @POST
    @Path("diskio")
    public Envelopes.Monitor diskioPost() {
        return diskio();
    }

    @GET
    @Path("network")
    public Envelopes.Monitor network() {
        return ok(SeedRows.network(monitor.network()));
    }

    @POST
    @Path("network")
    public Envelopes.Monitor networkPost() {
        return network();
    }

    @GET
    @Path("networkio")
    public Envelopes.Monitor networkio() {
        return ok(SeedRows.networkio(monitor.networkio()));
    }

    @POST
    @Path("networkio")
    public Envelopes.Monitor networkioPost() {
        return networkio();
    }

    @GET
    @Path("vm")
    public Envelopes.Monitor vm() {
        return ok(SeedRows.vm(monitor.vm()));
    }

    @POST
    @Path("vm")
    public Envelopes.Monitor vmPost() {
        return vm();
    }

    @GET
    @Path("hardware")
    public Envelopes.Monitor hardware() {
        return ok(SeedRows.hardware(monitor.hardware()));
    }

    @POST
    @Path("hardware")
    public Envelopes.Monitor hardwarePost() {
        return hardware();
    }

    @GET
    @Path("service")
    public Envelopes.Monitor service() {
        return ok(SeedRows.service(monitor.service()));
    }

    @POST
    @Path("service")
    public Envelopes.Monitor servicePost() {
        return service();
    }

    // resource (all figures in one): ResourceRoute, a class of its own

    // ------------------------------------------------------------------ port_status, resource_statis

    @POST
    @Path("port_status")
    public Envelopes.Monitor portStatus(Requests.Ports body) {
        return ok(SeedRows.portStatus(monitor.portStatus(body == null ? null : body.ports())));
    }

    /**
     * GET: {@code ?ports=...}, or the same JSON body as POST (read here: a GET often has no Content-Type), with the
     * same 1 MiB limit as every other body.
     */
    @GET
    @Path("port_status")
    public Envelopes.Monitor portStatusGet(@QueryParam("ports") String ports,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        if (ports != null) {
            return ok(SeedRows.portStatus(monitor.portStatus(ports)));
        }
        return portStatus(GetBody.read(body, contentLength, Requests.Ports.class));
    }

    @POST
    @Path("resource_statis")
    public Envelopes.Monitor resourceStatis(Requests.Statis body) {
        if (body == null || body.statis_period() == null) {
            throw ApiException.badRequest("statis_period is required");
        }
        Map<String, Object> data = SeedRows.resourceStatis(monitor.resourceStatis(body.statis_period()));
        echo(data, "node_name", body.node_name());
        echo(data, "node_uuid", body.node_uuid());
        echo(data, "node_ip", body.node_ip());
        return ok(data);
    }

    /** GET: {@code ?statis_period=N}, or the same JSON body as POST. */
    @GET
    @Path("resource_statis")
    public Envelopes.Monitor resourceStatisGet(@QueryParam("statis_period") String period,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        if (period == null) {
            return resourceStatis(GetBody.read(body, contentLength, Requests.Statis.class));
        }
        int p;
        try {
            p = Integer.parseInt(period.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("statis_period must be an integer");
        }
        return ok(SeedRows.resourceStatis(monitor.resourceStatis(p)));
    }

    private static void echo(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    // ------------------------------------------------------------------ IP configuration

    @POST
    @Path("add_ip")
    public Envelopes.Monitor addIp(Requests.Ip body) {
        return ok(control().addIp(settings(body)));
    }

    @POST
    @Path("update_ip")
    public Envelopes.Monitor updateIp(Requests.Ip body) {
        return ok(control().updateIp(settings(body)));
    }

    @POST
    @Path("delete_ip")
    public Envelopes.Monitor deleteIp(Requests.Ip body) {
        control().deleteIp(body == null ? null : body.name());
        return Envelopes.Monitor.ok();
    }

    @POST
    @Path("exchange_ip")
    public Envelopes.Monitor exchangeIp(Requests.Exchange body) {
        if (body == null) {
            throw ApiException.badRequest("name1 and name2 are required");
        }
        return ok(control().exchangeIp(body.name1(), body.name2()));
    }

    private static IpSettings settings(Requests.Ip body) {
        if (body == null) {
            throw ApiException.badRequest("body is required");
        }
        return new IpSettings(body.name(), body.ip(), body.netmask(), body.gateway(), body.dns1(), body.dns2());
    }

    // ------------------------------------------------------------------ password, task

    @POST
    @Path("verify_password")
    public Envelopes.Monitor verifyPassword(Requests.Password body, @Context HttpServletRequest request) {
        if (body == null) {
            throw ApiException.badRequest("user is required");
        }
        control().verifyPassword(body.user(), body.password(), request == null ? "" : request.getRemoteAddr());
        return Envelopes.Monitor.ok();
    }

    @POST
    @Path("task")
    public Envelopes.Monitor task(Requests.Task body) {
        if (body == null) {
            throw ApiException.badRequest("handler and command are required");
        }
        Map<String, Object> data = control().task(body.handler(), body.command(), body.data());
        return data == null ? Envelopes.Monitor.ok() : ok(data);
    }
}
