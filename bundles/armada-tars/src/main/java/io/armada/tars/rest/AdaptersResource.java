package io.armada.tars.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.tars.AdapterInput;
import io.armada.tars.TarsService;

/**
 * Seed 002 adapter routes with TarsWeb's methods: {@code add_adapter_conf} and {@code update_adapter_conf} (POST),
 * {@code delete_adapter_conf}, {@code adapter_conf} and {@code adapter_conf_list} (GET).
 */
@Component(service = AdaptersResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("tars")
@WireDialect(Dialect.TARS)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AdaptersResource {
    private final TarsService tars;

    @Activate
    public AdaptersResource(@Reference TarsService tars) {
        this.tars = tars;
    }

    private static AdapterInput input(TarsParams p) {
        return new AdapterInput(p.text("application"), p.text("server_name"), p.text("node_name"),
                p.integer("thread_num"), p.text("endpoint"), p.integer("max_connections"), p.text("allow_ip"),
                p.text("servant"), p.integer("queuecap"), p.integer("queuetimeout"), p.text("protocol"),
                p.text("handlegroup"));
    }

    @POST
    @Path("add_adapter_conf")
    public Object add(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(TarsRows.adapter(tars.addAdapter(input(TarsParams.of(uri, body)))));
    }

    /** Answers {@code [id]} as TarsWeb does. */
    @GET
    @Path("delete_adapter_conf")
    public Object delete(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(List.of(tars.deleteAdapter(TarsParams.of(uri, body).id("id"))));
    }

    @POST
    @Path("update_adapter_conf")
    public Object update(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.adapter(tars.updateAdapter(p.id("id"), input(p))));
    }

    @GET
    @Path("adapter_conf")
    public Object adapter(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(TarsRows.adapter(tars.adapter(TarsParams.of(uri, body).id("id"))));
    }

    /** The adapters of the server with this {@code id}, on its node. */
    @GET
    @Path("adapter_conf_list")
    public Object adapters(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(TarsRows.adapters(tars.adapters(TarsParams.of(uri, body).id("id"))));
    }
}
