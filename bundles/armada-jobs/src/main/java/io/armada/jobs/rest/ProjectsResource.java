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
 * Projects (SPEC §10.5, beyond the seed: JOBX took them from OPEN-C3's service tree): {@code POST|GET
 * /api/jobx/project}, {@code GET|POST|DELETE /api/jobx/project/{id}}. The audit log names the caller's
 * {@code appname}.
 */
@Component(service = ProjectsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("jobs")
@WireDialect(Dialect.JOBX)
@Path("/api/jobx/project")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {
    private final JobsService jobs;

    @Activate
    public ProjectsResource(@Reference JobsService jobs) {
        this.jobs = jobs;
    }

    @POST
    public Object add(@HeaderParam("appname") String user, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        return Envelopes.Jobx.ok(JobxRows.id(jobs.addProject(user, JobxBodies.text(b, "name"),
                JobxBodies.strings(b, "nodes")).id()));
    }

    @GET
    public Object list(JsonNode ignored) {
        return Envelopes.Jobx.ok(jobs.projects().stream().map(JobxRows::project).toList());
    }

    @GET
    @Path("{id}")
    public Object get(@PathParam("id") String id, JsonNode ignored) {
        return Envelopes.Jobx.ok(JobxRows.project(jobs.project(JobxBodies.id(id, "id"))));
    }

    @POST
    @Path("{id}")
    public Object update(@HeaderParam("appname") String user, @PathParam("id") String id, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        jobs.updateProject(user, JobxBodies.id(id, "id"), JobxBodies.text(b, "name"), JobxBodies.strings(b, "nodes"));
        return Envelopes.Jobx.ok(1);
    }

    @DELETE
    @Path("{id}")
    public Object delete(@HeaderParam("appname") String user, @PathParam("id") String id, JsonNode ignored) {
        jobs.deleteProject(user, JobxBodies.id(id, "id"));
        return Envelopes.Jobx.ok(1);
    }
}
