package io.armada.tars.rest;

import java.util.ArrayList;
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

import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.tars.TarsStats;

/**
 * Service statistics (SPEC §10.4): {@code report_stat} and {@code report_property} take {@code {records:[...]}} (or
 * the bare list), {@code tarsstat_monitor_data} and {@code tarsproperty_monitor_data} answer the seed's rows.
 */
@Component(service = StatsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("tars")
@WireDialect(Dialect.TARS)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    private final TarsStats stats;

    @Activate
    public StatsResource(@Reference TarsStats stats) {
        this.stats = stats;
    }

    private static List<TarsParams> records(UriInfo uri, JsonNode body) {
        if (body != null && body.isArray()) {
            com.fasterxml.jackson.databind.node.ObjectNode wrap = io.armada.core.Json.newMapper().createObjectNode();
            wrap.set("records", body);
            body = wrap;
        }
        List<TarsParams> list = TarsParams.of(uri, body).objects("records");
        if (list == null) {
            throw ApiException.badRequest("records#common.notEmpty#");
        }
        return list;
    }

    private static long num(TarsParams p, String name) {
        JsonNode v = p.node(name);
        if (v == null || (v.isTextual() && v.asText().isBlank())) {
            return 0;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw ApiException.badRequest(name + " must be an integer");
    }

    @POST
    @Path("report_stat")
    public Object reportStat(@Context UriInfo uri, JsonNode body) {
        List<TarsStats.StatRecord> out = new ArrayList<>();
        for (TarsParams r : records(uri, body)) {
            out.add(new TarsStats.StatRecord(num(r, "time"), r.text("master_name"), r.text("slave_name"),
                    r.text("interface_name"), r.text("master_ip"), r.text("slave_ip"), num(r, "count"),
                    num(r, "fail_count"), num(r, "timeout_count"), num(r, "total_time")));
        }
        return Envelopes.Tars.ok(Map.of("count", stats.reportStat(out)));
    }

    @POST
    @Path("report_property")
    public Object reportProperty(@Context UriInfo uri, JsonNode body) {
        List<TarsStats.PropertyRecord> out = new ArrayList<>();
        for (TarsParams r : records(uri, body)) {
            JsonNode v = r.node("value");
            double value;
            if (v != null && v.isNumber()) {
                value = v.doubleValue();
            } else {
                try {
                    value = Double.parseDouble(v == null ? "" : v.asText().trim());
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("value must be a number");
                }
            }
            out.add(new TarsStats.PropertyRecord(num(r, "time"), r.text("master_name"), r.text("master_ip"),
                    r.text("property_name"), r.text("policy"), value));
        }
        return Envelopes.Tars.ok(Map.of("count", stats.reportProperty(out)));
    }

    private static Map<String, String> filters(TarsParams p, List<String> names) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String n : names) {
            f.put(n, p.text(n));
        }
        return f;
    }

    private static java.time.LocalDate day(TarsParams p, String name) {
        String t = p.text(name);
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            String d = t.trim();
            return d.length() == 8 ? java.time.LocalDate.parse(d, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    : java.time.LocalDate.parse(d);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be YYYYMMDD or YYYY-MM-DD");
        }
    }

    @GET
    @Path("tarsstat_monitor_data")
    public Object statMonitor(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(stats.statMonitor(day(p, "thedate"), day(p, "predate"), p.text("startshowtime"),
                p.text("endshowtime"), filters(p, List.of("master_name", "slave_name", "interface_name", "master_ip",
                        "slave_ip")), p.text("group_by")));
    }

    @GET
    @Path("tarsproperty_monitor_data")
    public Object propertyMonitor(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(stats.propertyMonitor(day(p, "thedate"), day(p, "predate"), p.text("startshowtime"),
                p.text("endshowtime"), filters(p, List.of("master_name", "master_ip", "property_name", "policy")),
                p.text("group_by")));
    }
}
