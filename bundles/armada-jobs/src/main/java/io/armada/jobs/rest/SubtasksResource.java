package io.armada.jobs.rest;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.jobs.TaskService;

/** Seed 001 subtask routes ({@code 作业子任务}): a task's batches, and the confirm that lets a failed batch go on. */
@Component(service = SubtasksResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("jobs")
@WireDialect(Dialect.JOBX)
@Path("/api/jobx/subtask/{projectid}")
@Produces(MediaType.APPLICATION_JSON)
public class SubtasksResource {
    private final TaskService tasks;

    @Activate
    public SubtasksResource(@Reference TaskService tasks) {
        this.tasks = tasks;
    }

    @GET
    @Path("{taskuuid}")
    public Object list(@PathParam("projectid") String projectId, @PathParam("taskuuid") String taskUuid,
            JsonNode ignored) {
        return Envelopes.Jobx.ok(tasks.subtasks(JobxBodies.id(projectId, "projectid"), taskUuid).stream()
                .map(JobxRows::subtask).toList());
    }

    @PUT
    @Path("{subtaskuuid}/confirm")
    public Object confirm(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @PathParam("subtaskuuid") String subtaskUuid, JsonNode ignored) {
        tasks.confirm(user, JobxBodies.id(projectId, "projectid"), subtaskUuid);
        return Envelopes.Jobx.ok(1);
    }
}
