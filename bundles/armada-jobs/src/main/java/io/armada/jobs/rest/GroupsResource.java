package io.armada.jobs.rest;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.jobs.JobsService;

/**
 * Seed 001 group routes ({@code 分组管理}): {@code GET|POST /api/jobx/group/{projectid}}, {@code GET|POST|DELETE
 * /api/jobx/group/{projectid}/{id}}, {@code GET /api/jobx/group/{projectid}/{id}/node} (the batches).
 */
@Component(service = GroupsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("jobs")
@WireDialect(Dialect.JOBX)
@Path("/api/jobx/group/{projectid}")
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {
    private final JobsService jobs;

    @Activate
    public GroupsResource(@Reference JobsService jobs) {
        this.jobs = jobs;
    }

    @GET
    public Object list(@PathParam("projectid") String projectId, JsonNode ignored) {
        return Envelopes.Jobx.ok(jobs.groups(JobxBodies.id(projectId, "projectid")).stream().map(JobxRows::group)
                .toList());
    }

    @POST
    public Object add(@HeaderParam("appname") String user, @PathParam("projectid") String projectId, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        return Envelopes.Jobx.ok(JobxRows.id(jobs.addGroup(user, JobxBodies.id(projectId, "projectid"),
                JobxBodies.text(b, "name"), JobxBodies.text(b, "note"), JobxBodies.text(b, "group_type"),
                JobxBodies.text(b, "node"), JobxBodies.text(b, "percent")).id()));
    }

    @GET
    @Path("{id}")
    public Object get(@PathParam("projectid") String projectId, @PathParam("id") String id, JsonNode ignored) {
        return Envelopes.Jobx.ok(JobxRows.groupDetail(jobs.group(JobxBodies.id(projectId, "projectid"),
                JobxBodies.id(id, "id"))));
    }

    @GET
    @Path("{id}/node")
    public Object batches(@PathParam("projectid") String projectId, @PathParam("id") String id, JsonNode ignored) {
        return Envelopes.Jobx.ok(jobs.batches(JobxBodies.id(projectId, "projectid"), JobxBodies.id(id, "id")));
    }

    @POST
    @Path("{id}")
    public Object update(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @PathParam("id") String id, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        jobs.updateGroup(user, JobxBodies.id(projectId, "projectid"), JobxBodies.id(id, "id"), JobxBodies.text(b, "name"),
                JobxBodies.text(b, "note"), JobxBodies.text(b, "group_type"), JobxBodies.text(b, "node"),
                JobxBodies.text(b, "percent"));
        return Envelopes.Jobx.ok(1);
    }

    @DELETE
    @Path("{id}")
    public Object delete(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @PathParam("id") String id, JsonNode ignored) {
        jobs.deleteGroup(user, JobxBodies.id(projectId, "projectid"), JobxBodies.id(id, "id"));
        return Envelopes.Jobx.ok(1);
    }
}
