package io.armada.jobs.rest;

import javax.ws.rs.GET;
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

/** Seed 001 {@code GET /api/jobx/log/{projectid}} and the third-party {@code POST /api/jobx/third/option/groupname}. */
@Component(service = LogResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("jobs")
@WireDialect(Dialect.JOBX)
@Path("/api/jobx")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {
    private final JobsService jobs;

    @Activate
    public LogResource(@Reference JobsService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("log/{projectid}")
    public Object log(@PathParam("projectid") String projectId, JsonNode ignored) {
        return Envelopes.Jobx.ok(JobxRows.log(jobs.log(JobxBodies.id(projectId, "projectid"))));
    }

    @POST
    @Path("third/option/groupname")
    public Object groupNames(JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        String project = JobxBodies.text(b, "project_id");
        return Envelopes.Jobx.ok(jobs.groupNames(JobxBodies.id(project, "project_id")));
    }

}
