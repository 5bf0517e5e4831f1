package io.armada.agents.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.agents.AgentAnswer;
import io.armada.agents.AsyncPage;
import io.armada.agents.AsyncRequestView;
import io.armada.agents.AsyncRequests;
import io.armada.agents.AsyncTiming;
import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;

/**
 * Seed 000 async request routes: list, show (with the original's {@code respones} key), update (moves the window
 * of an unfinished request), response (an agent posts its answer), overtime.
 */
@Component(service = AsyncRequestsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("agents")
@WireDialect(Dialect.GOPERATION)
@Path("/v1.0/asyncrequests")
@Produces(MediaType.APPLICATION_JSON)
public class AsyncRequestsResource {

    private final AsyncRequests async;

    @Activate
    public AsyncRequestsResource(@Reference AsyncRequests async) {
        this.async = async;
    }

    @GET
    public Object index(Bodies.AsyncList body) {
        Bodies.AsyncList b = body == null ? new Bodies.AsyncList(null, null, null, null, null, null) : body;
        AsyncPage p = async.list(b.status(), AsyncRows.time(b.start(), "start"), AsyncRows.time(b.end(), "end"), b.order(),
                Boolean.TRUE.equals(b.desc()), b.page_num() == null ? 0 : b.page_num());
        List<Map<String, Object>> rows = p.rows().stream().map(AsyncRows::row).toList();
        return Envelopes.Goperation.page(rows.isEmpty() ? "No result found" : "Get results success", rows, p.total(),
                p.pagenum());
    }

    @GET
    @Path("{request_id}")
    public Object show(@PathParam("request_id") String requestId, Bodies.AsyncShow body) {
        boolean agents = body == null || body.agents() == null || body.agents();
        boolean details = body != null && Boolean.TRUE.equals(body.details());
        AsyncRequestView v = async.show(requestId, agents, details);
        return Envelopes.Goperation.one("Get async request data finish", AsyncRows.detail(v, details));
    }

    @PUT
    @Path("{request_id}")
    public Object update(@PathParam("request_id") String requestId, Bodies.Async body) {
        Bodies.Async b = body == null ? new Bodies.Async(null, null, null, null) : body;
        AsyncRequestView current = async.show(requestId, false, false);
        AsyncTiming t = async.timing(b.request_time(), b.finishtime(), b.deadline(), current.expire(), current.expire());
        return Envelopes.Goperation.one("Update async request success", AsyncRows.started(async.extend(requestId, t)));
    }

    @POST
    @Path("{request_id}/response")
    public Object response(@PathParam("request_id") String requestId, Bodies.Response body) {
        if (body == null) {
            throw schema("agent_id");
        }
        if (body.agent_id() == null || body.agent_id() < 0) {
            throw schema("agent_id");
        }
        if (body.agent_time() == null || body.agent_time() < 0) {
            throw schema("agent_time");
        }
        if (body.resultcode() == null || body.resultcode() < -127 || body.resultcode() > 127) {
            throw schema("resultcode");
        }
        List<AgentAnswer.Detail> details = new ArrayList<>();
        if (body.details() != null) {
            if (body.details().isEmpty()) {
                throw schema("details");
            }
            for (Bodies.Detail d : body.details()) {
                if (d == null || d.detail_id() == null || d.detail_id() < 0) {
                    throw schema("details.detail_id");
                }
                if (d.resultcode() == null || d.resultcode() < -127 || d.resultcode() > 127) {
                    throw schema("details.resultcode");
                }
                if (!(d.result() instanceof String) && !(d.result() instanceof Map)) {
                    throw schema("details.result");
                }
                details.add(new AgentAnswer.Detail(d.detail_id(), d.resultcode(), d.result()));
            }
        }
        long agentId = body.agent_id();
        String result = body.result() == null ? "no result message" : body.result();
        boolean recorded = async.respond(requestId, agentId, body.agent_time(),
                new AgentAnswer(body.resultcode(), result, details));
        if (!recorded) {
            throw ApiException.refused("Agent " + agentId + " respone " + requestId
                    + " fail,another agent with same agent_id in database");
        }
        return Envelopes.Goperation.ok("Agent " + agentId + " Post respone of " + requestId + " success", null);
    }

    @PUT
    @Path("{request_id}/overtime")
    public Object overtime(@PathParam("request_id") String requestId, Bodies.Overtime body) {
        if (body == null || body.agent_time() == null || body.agent_time() < 0) {
            throw schema("agent_time");
        }
        if (body.agents() == null || body.agents().isEmpty() || body.agents().stream().anyMatch(a -> a == null || a < 0)) {
            throw schema("agents");
        }
        async.overtime(requestId, body.agent_time(), body.agents());
        return Envelopes.Goperation.ok("Post agent overtime success", null);
    }

    private static ApiException schema(String field) {
        return ApiException.badRequest("Request Failed: json not match error schema: '" + field + "'");
    }
}
