package io.armada.tars.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import io.armada.tars.ProfileTemplate;
import io.armada.tars.TarsTemplates;

/**
 * Seed 002 template routes with TarsWeb's methods: {@code add_profile_template} and {@code update_profile_template}
 * (POST), {@code delete_profile_template}, {@code profile_template}, {@code query_profile_template},
 * {@code template_name_list} and TarsWeb's {@code get_merge_profile_template} (GET).
 */
@Component(service = TemplatesResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("tars")
@WireDialect(Dialect.TARS)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class TemplatesResource {
    private final TarsTemplates templates;

    @Activate
    public TemplatesResource(@Reference TarsTemplates templates) {
        this.templates = templates;
    }

    static Map<String, Object> row(ProfileTemplate t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("template_name", t.templateName());
        m.put("parents_name", t.parentsName());
        m.put("profile", t.profile());
        m.put("posttime", TarsRows.time(t.posttime()));
        return m;
    }

    @POST
    @Path("add_profile_template")
    public Object add(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(row(templates.add(p.text("template_name"), p.text("parents_name"),
                p.text("profile"))));
    }

    @GET
    @Path("delete_profile_template")
    public Object delete(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(List.of(templates.delete(TarsParams.of(uri, body).id("id"))));
    }

    @POST
    @Path("update_profile_template")
    public Object update(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(row(templates.update(p.id("id"), p.text("template_name"), p.text("parents_name"),
                p.text("profile"))));
    }

    @GET
    @Path("profile_template")
    public Object get(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(row(templates.get(TarsParams.of(uri, body).text("template_name"))));
    }

    @GET
    @Path("query_profile_template")
    public Object query(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(templates.query(p.text("template_name"), p.text("parents_name")).stream()
                .map(TemplatesResource::row).toList());
    }

    @GET
    @Path("template_name_list")
    public Object names(@Context UriInfo uri, JsonNode body) {
        TarsParams.of(uri, body);
        return Envelopes.Tars.ok(templates.names());
    }

    /** TarsWeb's merged view: {@code {template: "<text>"}}. */
    @GET
    @Path("get_merge_profile_template")
    public Object merged(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(Map.of("template", templates.merged(TarsParams.of(uri, body).text("template_name"))));
    }
}
