package io.armada.jobs.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.jobs.TaskFilter;
import io.armada.jobs.TaskService;

/**
 * Seed 001 task routes ({@code 任务}) under {@code /api/jobx/task/{projectid}}: the listing with its filters, the
 * month's count, a task, {@code job/byname} (create and start), {@code {uuid}/{control}} (rollback or norollback),
 * stop ({@code PUT|DELETE {uuid}}) and the {@code analysis} statistics.
 */
@Component(service = TasksResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("jobs")
@WireDialect(Dialect.JOBX)
@Path("/api/jobx/task/{projectid}")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {
    private final TaskService tasks;

    @Activate
    public TasksResource(@Reference TaskService tasks) {
        this.tasks = tasks;
    }

    private static long project(String id) {
        return JobxBodies.id(id, "projectid");
    }

    /** Optional filter text: no quote (JOBX's {@code mismatch '}), at most 128 characters. */
    private static String filter(String value, String field, String pattern) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 128 || (pattern == null ? value.contains("'") : !value.matches(pattern))) {
            throw ApiException.badRequest("check format fail " + field);
        }
        return value;
    }

    private static LocalDate day(String value, String field) {
        String v = filter(value, field, "\\d{4}-\\d{2}-\\d{2}");
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("check format fail " + field);
        }
    }

    @GET
    public Object list(@PathParam("projectid") String projectIds, @QueryParam("name") String name,
            @QueryParam("user") String user, @QueryParam("status") String status,
            @QueryParam("time_start") String timeStart, @QueryParam("time_end") String timeEnd,
            @QueryParam("taskuuid") String taskUuid, @QueryParam("allowslavenull") String allowSlaveNull,
            JsonNode ignored) {
        if (projectIds == null || !projectIds.matches("\\d[\\d,]{0,1000}")) {
            throw ApiException.badRequest("check format fail projectid");
        }
        List<Long> ids = new ArrayList<>();
        for (String p : projectIds.split(",")) {
            if (!p.isEmpty()) {
                ids.add(JobxBodies.id(p, "projectid"));
            }
        }
        String allow = filter(allowSlaveNull, "allowslavenull", "\\d");
        TaskFilter f = new TaskFilter(ids, filter(name, "name", null), filter(user, "user", null),
                filter(status, "status", "[a-zA-Z0-9]+"), filter(taskUuid, "taskuuid", "[a-zA-Z0-9]+"),
                day(timeStart, "time_start"), day(timeEnd, "time_end"), allow != null && !allow.equals("0"));
        return Envelopes.Jobx.ok(tasks.tasks(f).stream().map(JobxRows::task).toList());
    }

    @GET
    @Path("count")
    public Object count(@PathParam("projectid") String projectId, JsonNode ignored) {
        return Envelopes.Jobx.ok(tasks.countThisMonth(project(projectId)));
    }

    @GET
    @Path("analysis/last")
    public Object last(@PathParam("projectid") String projectId, @QueryParam("count") String count, JsonNode ignored) {
        int n = 10;
        if (count != null && !count.isEmpty()) {
            if (!count.matches("\\d{1,6}")) {
                throw ApiException.badRequest("check format fail count");
            }
            n = Integer.parseInt(count) == 0 ? 10 : Integer.parseInt(count);
        }
        return Envelopes.Jobx.ok(tasks.last(project(projectId), n).stream().map(JobxRows::lastRow).toList());
    }

    @GET
    @Path("analysis/date")
    public Object date(@PathParam("projectid") String projectId, JsonNode ignored) {
        return Envelopes.Jobx.ok(tasks.perDay(project(projectId)));
    }

    @GET
    @Path("analysis/hour")
    public Object hour(@PathParam("projectid") String projectId, JsonNode ignored) {
        return Envelopes.Jobx.ok(tasks.perHour(project(projectId)));
    }

    @GET
    @Path("analysis/runtime")
    public Object runtime(@PathParam("projectid") String projectId, JsonNode ignored) {
        return Envelopes.Jobx.ok(tasks.runtimeShares(project(projectId)));
    }

    @GET
    @Path("{uuid}")
    public Object get(@PathParam("projectid") String projectId, @PathParam("uuid") String uuid, JsonNode ignored) {
        return Envelopes.Jobx.ok(JobxRows.taskDetail(tasks.task(project(projectId), uuid)));
    }

    /** JOBX takes {@code jobname}, {@code group} and {@code variable} from the body or the query; its {@code uuid} is ignored. */
    @POST
    @Path("job/byname")
    public Object start(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @QueryParam("jobname") String jobName, @QueryParam("group") String group, JsonNode body) {
        long p = project(projectId);
        JsonNode b = body == null || body.isNull() || body.isMissingNode() ? null : JobxBodies.object(body);
        String job = b != null && b.has("jobname") ? JobxBodies.text(b, "jobname") : jobName;
        String grp = b != null && b.has("group") ? JobxBodies.text(b, "group") : group;
        TaskService.Started s = tasks.start(user, p, job, grp, b == null ? null : b.get("variable"));
        return Envelopes.Jobx.withUuid(s.uuid(), 1);
    }

    @PUT
    @Path("{uuid}/{control}")
    public Object control(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @PathParam("uuid") String uuid, @PathParam("control") String control, JsonNode ignored) {
        tasks.control(user, project(projectId), uuid, control);
        return Envelopes.Jobx.info("ok");
    }

    @PUT
    @Path("{uuid}")
    public Object stop(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @PathParam("uuid") String uuid, JsonNode ignored) {
        String why = tasks.stop(user, project(projectId), uuid);
        return why == null ? Envelopes.Jobx.ok(null) : Envelopes.Jobx.info(why);
    }

    @DELETE
    @Path("{uuid}")
    public Object delete(@HeaderParam("appname") String user, @PathParam("projectid") String projectId,
            @PathParam("uuid") String uuid, JsonNode ignored) {
        return stop(user, projectId, uuid, ignored);
    }
}
