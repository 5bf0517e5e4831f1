package io.armada.blocklists.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.blocklists.BlocklistService;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;

/** The domain block list under {@code /egg/domain} (seed 004, SPEC §9), egg dialect. */
@Component(service = DomainResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("blocklists")
@WireDialect(Dialect.EGG)
@Path(DomainResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class DomainResource {
    public static final String PATH = "/egg/domain";

    private final BlocklistService blocklists;

    @Activate
    public DomainResource(@Reference BlocklistService blocklists) {
        this.blocklists = blocklists;
    }

    /** {@code {"domain": "..."}}; answers the new row. */
    @POST
    @Path("add")
    public Envelopes.Egg add(DomainRequest body) {
        DomainRequest r = body == null ? new DomainRequest() : body;
        return Envelopes.Egg.ok("add domain ok", blocklists.addDomain(r.domain));
    }

    /** {@code {"id": 7, "domain": "..."}}; answers the row as it is now. */
    @POST
    @Path("update")
    public Envelopes.Egg update(DomainRequest body) {
        DomainRequest r = body == null ? new DomainRequest() : body;
        return Envelopes.Egg.ok("update domain ok", blocklists.updateDomain(IdRequest.required(r.id), r.domain));
    }

    /** {@code {"id": 7}}; answers the removed row. */
    @POST
    @Path("delete")
    public Envelopes.Egg delete(IdRequest body) {
        return Envelopes.Egg.ok("delete domain ok",
                blocklists.deleteDomain(IdRequest.required(body == null ? null : body.id)));
    }

    /** All rows, or the one row of {@code ?id=} (or {@code {"id": 7}} in a body); {@code data} is always a list. */
    @GET
    @Path("list")
    public Envelopes.Egg list(@QueryParam("id") String id, IdRequest body) {
        Long one = IdRequest.forList(id, body);
        return Envelopes.Egg.ok("list domain ok",
                one == null ? blocklists.domains() : List.of(blocklists.domain(one)));
    }

    /** The same list by POST: the seed lists with GET, but the author's later format posted every call. */
    @POST
    @Path("list")
    public Envelopes.Egg listByPost(@QueryParam("id") String id, IdRequest body) {
        return list(id, body);
    }
}
