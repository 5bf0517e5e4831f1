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
 * Jobs of a project (SPEC §10.5): {@code POST|GET /api/jobx/job/{projectid}}, {@code GET|POST|DELETE
 * /api/jobx/job/{projectid}/{id}}; a job is {@code {name, steps, rollback}}, each step a monitor task body.
 */
@Component(service = JobsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("jobs")
@WireDialect(Dialect.JOBX)
@Path("/api/jobx/job/{projectid}")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {
    private final JobsService jobs;

    @Activate
    public JobsResource(@Reference JobsService jobs) {
        this.jobs = jobs;
    }

    @POST
    public Object add(@HeaderParam("appname") String user, @PathParam("projectid") String projectId, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        return Envelopes.Jobx.ok(JobxRows.id(jobs.addJob(user, JobxBodies.id(projectId, "projectid"),
                JobxBodies.text(b, "name"), JobxBodies.list(b, "steps"), JobxBodies.list(b, "rollback")).id()));
    }

    @GET
    public Object list(@PathParam("projectid") String projectId, JsonNode ignored) {
        return Envelopes.Jobx.ok(jobs.jobs(JobxBodies.id(projectId, "projectid")).stream().map(JobxRows::job)
                .toList());
    }

    @GET
    @Path("{id}")
    public Object get(@PathParam("projectid") String projectId, @PathParam("id") String id, JsonNode ignored) {
        return Envelopes.Jobx.ok(JobxRows.job(jobs.job(JobxBodies.id(projectId, "projectid"), JobxBodies.id(id, "id"))));
    }

    @POST
    @Path("{id}")
    public Object update(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @PathParam("id") String id, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        jobs.updateJob(user, JobxBodies.id(projectId, "projectid"), JobxBodies.id(id, "id"), JobxBodies.text(b, "name"),
                JobxBodies.list(b, "steps"), JobxBodies.list(b, "rollback"));
        return Envelopes.Jobx.ok(1);
    }

    @DELETE
    @Path("{id}")
    public Object delete(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @PathParam("id") String id, JsonNode ignored) {
        jobs.deleteJob(user, JobxBodies.id(projectId, "projectid"), JobxBodies.id(id, "id"));
        return Envelopes.Jobx.ok(1);
    }
}
