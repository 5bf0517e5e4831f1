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
import io.armada.tars.NewConfig;
import io.armada.tars.TarsConfigs;

/**
 * Seed 002 configuration routes with TarsWeb's methods: files ({@code add_config_file}, {@code update_config_file}
 * POST; {@code delete_config_file}, {@code config_file}, {@code config_file_list}, {@code node_config_file_list} GET,
 * the last also POST as the seed says), history, references (changed with GET, as TarsWeb) and
 * {@code merged_node_config}.
 */
@Component(service = ConfigsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("tars")
@WireDialect(Dialect.TARS)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigsResource {
    private final TarsConfigs configs;

    @Activate
    public ConfigsResource(@Reference TarsConfigs configs) {
        this.configs = configs;
    }

    @POST
    @Path("add_config_file")
    public Object add(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.config(configs.add(new NewConfig(p.integer("level"), p.text("application"),
                p.text("server_name"), p.text("set_name"), p.text("set_area"), p.text("set_group"),
                p.text("filename"), p.text("config")))));
    }

    @GET
    @Path("delete_config_file")
    public Object delete(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(List.of(configs.delete(TarsParams.of(uri, body).id("id"))));
    }

    @POST
    @Path("update_config_file")
    public Object update(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.config(configs.update(p.id("id"), p.text("config"), p.text("reason"))));
    }

    @GET
    @Path("config_file")
    public Object get(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(TarsRows.config(configs.get(TarsParams.of(uri, body).id("id"))));
    }

    @GET
    @Path("config_file_list")
    public Object list(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        Integer level = p.integer("level");
        return Envelopes.Tars.ok(TarsRows.configs(configs.list(level == null ? 0 : level, p.text("application"),
                p.text("server_name"), p.text("set_name"), p.text("set_area"), p.text("set_group"))));
    }

    @GET
    @Path("node_config_file_list")
    public Object nodeFiles(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.configs(configs.nodeFiles(p.text("application"), p.text("server_name"),
                p.text("set_name"), p.text("set_area"), p.text("set_group"), p.id("config_id"))));
    }

    @POST
    @Path("node_config_file_list")
    public Object nodeFilesPosted(@Context UriInfo uri, JsonNode body) {
        return nodeFiles(uri, body);
    }

    @GET
    @Path("config_file_history")
    public Object history(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(TarsRows.history(configs.history(TarsParams.of(uri, body).id("id"))));
    }

    /** TarsWeb pages this one with {@code currPage}/{@code pageSize}, 1 and 10 by default. */
    @GET
    @Path("config_file_history_list")
    public Object histories(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.histories(configs.histories(p.id("config_id"), p.integer("currPage", 1),
                p.integer("pageSize", 10))));
    }

    @GET
    @Path("add_config_ref")
    public Object addRef(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(TarsRows.ref(configs.addRef(p.id("config_id"), p.id("reference_id"))));
    }

    @GET
    @Path("delete_config_ref")
    public Object deleteRef(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(List.of(configs.deleteRef(TarsParams.of(uri, body).id("id"))));
    }

    @GET
    @Path("config_ref_list")
    public Object refs(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(TarsRows.refs(configs.refs(TarsParams.of(uri, body).id("config_id"))));
    }

    /** The merged text, as a JSON string. */
    @GET
    @Path("merged_node_config")
    public Object merged(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(configs.merged(TarsParams.of(uri, body).id("id")));
    }
}
