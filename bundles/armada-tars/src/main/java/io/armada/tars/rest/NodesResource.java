package io.armada.tars.rest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
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

import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.tars.NodeResult;
import io.armada.tars.PortOffer;
import io.armada.tars.TarsNodes;

/**
 * Seed 002 node routes: {@code install_tars_node} and {@code uninstall_tars_node} (GET, {@code ips} a list or text
 * split on {@code ;} and {@code ,}), and {@code auto_port} (GET, {@code node_name} split the same way).
 */
@Component(service = NodesResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("tars")
@WireDialect(Dialect.TARS)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {
    private final TarsNodes nodes;

    @Activate
    public NodesResource(@Reference TarsNodes nodes) {
        this.nodes = nodes;
    }

    /** A list of texts, or one text split on {@code ;} and {@code ,} (TarsWeb's {@code split(/;|,/)}). */
    static List<String> list(TarsParams p, String name) {
        JsonNode v = p.node(name);
        if (v == null) {
            return List.of();
        }
        if (v.isArray()) {
            List<String> out = new java.util.ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw ApiException.badRequest(name + " must be a list of IP addresses");
                }
                out.add(item.asText());
            }
            return out;
        }
        String text = p.text(name);
        return Arrays.stream(text.split("[;,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Map<String, Object>> results(List<NodeResult> results) {
        return results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ip", r.ip());
            m.put("rst", r.rst());
            m.put("msg", r.msg());
            return m;
        }).toList();
    }

    @GET
    @Path("install_tars_node")
    public Object install(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(results(nodes.install(list(TarsParams.of(uri, body), "ips"))));
    }

    @GET
    @Path("uninstall_tars_node")
    public Object uninstall(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(results(nodes.uninstall(list(TarsParams.of(uri, body), "ips"))));
    }

    @GET
    @Path("auto_port")
    public Object autoPort(@Context UriInfo uri, JsonNode body) {
        List<PortOffer> offers = nodes.autoPort(list(TarsParams.of(uri, body), "node_name"));
        return Envelopes.Tars.ok(offers.stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node_name", o.nodeName());
            m.put("port", o.port());
            return m;
        }).toList());
    }
}
