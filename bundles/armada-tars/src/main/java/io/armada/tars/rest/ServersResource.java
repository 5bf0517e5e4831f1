package io.armada.tars.rest;

import java.util.ArrayList;
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
import io.armada.tars.NewServer;
import io.armada.tars.ServerChange;
import io.armada.tars.TarsService;

/**
 * Seed 002 server routes with TarsWeb's methods (reference §002.1): {@code tree}, {@code deploy_server},
 * {@code update_server}, {@code server}, {@code server_list}, {@code inactive_server_list},
 * {@code server_notify_list}, and the dictionaries {@code server_type_list} and {@code cascade_select_server}.
 * Parameters come from the query string and a JSON body, merged ({@link TarsParams}); every route is also answered
 * under {@code /pages/server/api} (core's alias filter).
 */
@Component(service = ServersResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("tars")
@WireDialect(Dialect.TARS)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ServersResource {
    private final TarsService tars;

    @Activate
    public ServersResource(@Reference TarsService tars) {
        this.tars = tars;
    }

    @GET
    @Path("tree")
    public Object tree(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.tree(tars.tree(p.text("searchKey"))));
    }

    @POST
    @Path("deploy_server")
    public Object deploy(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        List<TarsParams> list = p.objects("adapters");
        List<NewServer.NewServant> adapters = new ArrayList<>();
        if (list != null) {
            for (TarsParams a : list) {
                adapters.add(new NewServer.NewServant(a.text("node_name"), a.text("obj_name"), a.text("bind_ip"),
                        a.integer("port") == null ? 0 : a.integer("port"), a.text("port_type"), a.text("protocol"),
                        a.integer("thread_num"), a.integer("max_connections"), a.integer("queuecap"),
                        a.integer("queuetimeout"), a.integer("auth", 0)));
            }
        }
        NewServer s = new NewServer(p.text("application"), p.text("server_name"), p.text("node_name"),
                p.text("server_type"), p.text("template_name"), Boolean.TRUE.equals(p.bool("enable_set")),
                p.text("set_name"), p.text("set_area"), p.text("set_group"), p.text("operator"), adapters);
        return Envelopes.Tars.ok(new Deployed(TarsRows.servers(tars.deploy(s)), List.of()));
    }

    /** {@code deploy_server}'s answer: the rows of every node, and no tarsnode installs (nodes are Armada nodes). */
    record Deployed(@com.fasterxml.jackson.annotation.JsonProperty("server_conf") Object serverConf,
            @com.fasterxml.jackson.annotation.JsonProperty("tars_node_rst") List<Object> tarsNodeRst) {
    }

    @POST
    @Path("update_server")
    public Object update(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        ServerChange c = new ServerChange(p.id("id"), p.bool("isBak"), p.text("template_name"), p.text("server_type"),
                p.bool("enable_set"), p.text("set_name"), p.text("set_area"), p.text("set_group"),
                p.integer("async_thread_num"), p.text("base_path"), p.text("exe_path"), p.text("start_script_path"),
                p.text("stop_script_path"), p.text("monitor_script_path"), p.text("profile"));
        return Envelopes.Tars.ok(TarsRows.server(tars.update(c)));
    }

    @GET
    @Path("server")
    public Object server(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(TarsRows.server(tars.server(TarsParams.of(uri, body).id("id"))));
    }

    /** TarsWeb answers a list, or {@code {count, rows}} with {@code is_page=true}. */
    @GET
    @Path("server_list")
    public Object serverList(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        var page = tars.servers(p.text("tree_node_id"), p.page(), p.pageSize());
        return Envelopes.Tars.ok(Boolean.TRUE.equals(p.bool("is_page")) ? TarsRows.page(page)
                : TarsRows.servers(page.rows()));
    }

    @GET
    @Path("inactive_server_list")
    public Object inactive(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.servers(tars.inactive(p.text("application"), p.text("server_name"),
                p.text("node_name"), p.page(), p.pageSize())));
    }

    @GET
    @Path("server_notify_list")
    public Object notifies(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.notifies(tars.notifies(p.text("tree_node_id"), p.page(), p.pageSize())));
    }

    @POST
    @Path("expand_server_preview")
    public Object expandPreview(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        List<String> nodes = NodesResource.list(p, "expand_nodes");
        return Envelopes.Tars.ok(tars.expandPreview(p.text("application"), p.text("server_name"), p.text("node_name"),
                nodes, Boolean.TRUE.equals(p.bool("enable_set")), p.text("set_name"), p.text("set_area"),
                p.text("set_group")).stream().map(TarsRows::expand).toList());
    }

    @GET
    @Path("server_type_list")
    public Object serverTypes(@Context UriInfo uri, JsonNode body) {
        TarsParams.of(uri, body);
        return Envelopes.Tars.ok(tars.serverTypes());
    }

    @GET
    @Path("cascade_select_server")
    public Object cascade(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        Integer level = p.integer("level");
        return Envelopes.Tars.ok(tars.cascade(level == null ? 0 : level, p.text("application"),
                p.text("server_name"), p.text("set")));
    }
}
