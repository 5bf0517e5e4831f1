package io.armada.counters.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
import io.armada.counters.Counter;
import io.armada.counters.CounterService;

/** {@code /egg/counter/update} and {@code /egg/counter/list} (seed 004, SPEC §9), egg dialect. */
@Component(service = CounterResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("counters")
@WireDialect(Dialect.EGG)
@Path(CounterResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class CounterResource {
    public static final String PATH = "/egg/counter";

    private final CounterService counters;

    @Activate
    public CounterResource(@Reference CounterService counters) {
        this.counters = counters;
    }

    /** Adds one to the named counter; answers its new value as {@code data: {"<field>": n}}. */
    @POST
    @Path("update")
    public Envelopes.Egg update(CounterUpdateRequest body) {
        Counter counter = counter(body == null ? null : body.field);
        long value = counters.increment(counter);
        return Envelopes.Egg.ok("update counter ok", Map.of(counter.field(), value));
    }

    /** Both counters: {@code data: {"counter_for_domain": n, "counter_for_process": m}}. */
    @GET
    @Path("list")
    public Envelopes.Egg list() {
        Map<String, Long> data = new LinkedHashMap<>();
        counters.values().forEach((c, v) -> data.put(c.field(), v));
        return Envelopes.Egg.ok("list counter ok", data);
    }

    static Counter counter(String field) {
        if (field == null || field.isBlank()) {
            throw ApiException.badRequest("field is required");
        }
        return Counter.ofField(field).orElseThrow(() -> ApiException.badRequest(
                "field must be " + Counter.COUNTER_FOR_DOMAIN.field() + " or " + Counter.COUNTER_FOR_PROCESS.field()));
    }
}
