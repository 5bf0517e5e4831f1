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
import io.armada.jobs.TaskService;

/** Seed 001 {@code GET /api/jobx/log/{projectid}}, {@code GET /api/jobx/slave/{slave}/log/{uuid}} and the third-party {@code POST /api/jobx/third/option/groupname}. */
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
    private final TaskService tasks;

    @Activate
    public LogResource(@Reference JobsService jobs, @Reference TaskService tasks) {
        this.jobs = jobs;
        this.tasks = tasks;
    }

    /**
     * What each node answered to each step of a task (every batch) or of one subtask. JOBX proxied this to the slave
     * that ran the task and streamed its log file as an HTML page; Armada keeps the answers in the database, so any
     * slave name answers, as JSON rows.
     */
    @GET
    @Path("slave/{slave}/log/{uuid}")
    public Object slaveLog(@PathParam("slave") String slave, @PathParam("uuid") String uuid, JsonNode ignored) {
        if (slave == null || !slave.matches("[a-zA-Z0-9._\\-]{1,128}")) {
            throw io.armada.core.ApiException.badRequest("check format fail slave");
        }
        return Envelopes.Jobx.ok(tasks.logs(uuid).stream().map(JobxRows::nodeLog).toList());
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
