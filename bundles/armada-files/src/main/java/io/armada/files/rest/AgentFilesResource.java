package io.armada.files.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.files.AgentRequest;
import io.armada.files.FileService;

/**
 * Seed 000's per-agent file routes (SPEC §10.2): {@code PUT /v1.0/agents/{agent_id}/files/{md5}} (send_file),
 * {@code POST /v1.0/agents/{agent_id}/files} (list_file) and {@code DELETE /v1.0/agents/{agent_id}/files/{md5}}
 * (clean_file), each an async request of the agents area ({@code request_time} required, SPEC §7); the answers are
 * read at {@code GET /v1.0/asyncrequests/{request_id}}. Without the agents area: HTTP 503 {@code {msg}}.
 */
@Component(service = AgentFilesResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("files")
@WireDialect(Dialect.GOPERATION)
@Path(AgentFilesResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class AgentFilesResource {
    public static final String PATH = "/v1.0/agents/{agent_id}/files";

    private final FileService files;

    @Activate
    public AgentFilesResource(@Reference FileService files) {
        this.files = files;
    }

    @POST
    public Envelopes.Goperation list(@PathParam("agent_id") String agents,
            @QueryParam("request_time") String requestTime, @QueryParam("finishtime") String finishtime,
            @QueryParam("deadline") String deadline, @QueryParam("expire") String expire, AsyncRequestBody body) {
        AgentRequest r = files.list(agents,
                AsyncRequestBody.window(body, requestTime, finishtime, deadline, expire));
        return Envelopes.Goperation.one("List file async request thread spawning", started(r));
    }

    @PUT
    @Path("{md5}")
    public Envelopes.Goperation send(@PathParam("agent_id") String agents, @PathParam("md5") String md5,
            @QueryParam("request_time") String requestTime, @QueryParam("finishtime") String finishtime,
            @QueryParam("deadline") String deadline, @QueryParam("expire") String expire, AsyncRequestBody body) {
        AgentRequest r = files.send(agents, md5,
                AsyncRequestBody.window(body, requestTime, finishtime, deadline, expire));
        return Envelopes.Goperation.one("Send file async request thread spawning", started(r));
    }

    @DELETE
    @Path("{md5}")
    public Envelopes.Goperation clean(@PathParam("agent_id") String agents, @PathParam("md5") String md5,
            @QueryParam("request_time") String requestTime, @QueryParam("finishtime") String finishtime,
            @QueryParam("deadline") String deadline, @QueryParam("expire") String expire, AsyncRequestBody body) {
        AgentRequest r = files.clean(agents, md5,
                AsyncRequestBody.window(body, requestTime, finishtime, deadline, expire));
        return Envelopes.Goperation.one("Clean file async request thread spawning", started(r));
    }

    /** The request as Goperation's async routes answer when they start one (resultutils.async_request). */
    static Map<String, Object> started(AgentRequest v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", v.requestId());
        m.put("request_time", v.requestTime());
        m.put("finishtime", v.finishtime());
        m.put("deadline", v.deadline());
        m.put("expire", v.expire());
        m.put("status", v.status());
        m.put("resultcode", v.resultcode());
        m.put("result", v.result());
        return m;
    }
}
