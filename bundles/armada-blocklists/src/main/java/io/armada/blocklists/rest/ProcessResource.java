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

/** The process block list under {@code /egg/process} (seed 004, SPEC §9), egg dialect. */
@Component(service = ProcessResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("blocklists")
@WireDialect(Dialect.EGG)
@Path(ProcessResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class ProcessResource {
    public static final String PATH = "/egg/process";

    private final BlocklistService blocklists;

    @Activate
    public ProcessResource(@Reference BlocklistService blocklists) {
        this.blocklists = blocklists;
    }

    /** {@code {"process": "...", "signature": "..."}}; answers the new row. */
    @POST
    @Path("add")
    public Envelopes.Egg add(ProcessRequest body) {
        ProcessRequest r = body == null ? new ProcessRequest() : body;
        return Envelopes.Egg.ok("add process ok", blocklists.addProcess(r.process, r.signature));
    }

    /** {@code {"id": 3}} with {@code process}, {@code signature} or both; answers the row as it is now. */
    @POST
    @Path("update")
    public Envelopes.Egg update(ProcessRequest body) {
        ProcessRequest r = body == null ? new ProcessRequest() : body;
        return Envelopes.Egg.ok("update process ok",
                blocklists.updateProcess(IdRequest.required(r.id), r.process, r.signature));
    }

    /** {@code {"id": 3}}; answers the removed row. */
    @POST
    @Path("delete")
    public Envelopes.Egg delete(IdRequest body) {
        return Envelopes.Egg.ok("delete process ok",
                blocklists.deleteProcess(IdRequest.required(body == null ? null : body.id)));
    }

    /** All rows, or the one row of {@code ?id=} (or {@code {"id": 3}} in a body); {@code data} is always a list. */
    @GET
    @Path("list")
    public Envelopes.Egg list(@QueryParam("id") String id, IdRequest body) {
        Long one = IdRequest.forList(id, body);
        return Envelopes.Egg.ok("list process ok",
                one == null ? blocklists.processes() : List.of(blocklists.process(one)));
    }

    /** The same list by POST: the seed lists with GET, but the author's later format posted every call. */
    @POST
    @Path("list")
    public Envelopes.Egg listByPost(@QueryParam("id") String id, IdRequest body) {
        return list(id, body);
    }
}
