package io.armada.jobs.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
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
import io.armada.jobs.TaskService;

/**
 * Seed 001 third-party interface ({@code 第三方接口}): {@code POST /api/jobx/third/interface/dry-run|invoke|query|stop},
 * with JOBX's {@code uuid} + {@code retry_count} rule (each retry is a new deploy uuid) and its answers.
 */
@Component(service = ThirdResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("jobs")
@WireDialect(Dialect.JOBX)
@Path("/api/jobx/third/interface")
@Produces(MediaType.APPLICATION_JSON)
public class ThirdResource {
    private final TaskService tasks;

    @Activate
    public ThirdResource(@Reference TaskService tasks) {
        this.tasks = tasks;
    }

    private static Integer retryCount(JsonNode b) {
        String r = JobxBodies.text(b, "retry_count");
        if (r == null || r.isEmpty()) {
            return null;
        }
        if (!r.matches("\\d{1,9}")) {
            throw ApiException.badRequest("check format fail retry_count");
        }
        return Integer.parseInt(r);
    }

    /** project_id, the 12-character uuid and retry_count: the effective uuid. */
    private String uuid(JsonNode b, boolean twelve) {
        String u = JobxBodies.text(b, "uuid");
        if (u == null || !u.matches(twelve ? "[a-zA-Z0-9]{12}" : "[a-zA-Z0-9]{1,64}")) {
            throw ApiException.badRequest("check format fail uuid");
        }
        return tasks.thirdUuid(u, retryCount(b));
    }

    private static Map<String, Object> answer(String uuid) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stat", true);
        m.put("uuid", uuid);
        return m;
    }

    @POST
    @Path("dry-run")
    public Object dryRun(@HeaderParam("appname") String user, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        long project = JobxBodies.id(JobxBodies.text(b, "project_id"), "project_id");
        String uuid = uuid(b, true);
        Map<String, Object> m = answer(tasks.dryRun(user, project, uuid, b.get("params")));
        m.put("msg", "ok");
        return m;
    }

    @POST
    @Path("invoke")
    public Object invoke(@HeaderParam("appname") String user, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        long project = JobxBodies.id(JobxBodies.text(b, "project_id"), "project_id");
        String uuid = uuid(b, true);
        TaskService.Started s = tasks.invoke(user, project, uuid, b.get("params"));
        if (s == null) {
            return Envelopes.Jobx.info("This task has been successfully created");
        }
        return Envelopes.Jobx.withUuid(s.uuid(), 1);
    }

    @POST
    @Path("query")
    public Object query(JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stat", true);
        m.putAll(tasks.query(uuid(b, false)));
        return m;
    }

    @POST
    @Path("stop")
    public Object stop(@HeaderParam("appname") String user, JsonNode body) {
        JsonNode b = JobxBodies.object(body);
        String info = tasks.thirdStop(user, uuid(b, false));
        return info == null ? Envelopes.Jobx.ok(null) : Envelopes.Jobx.info(info);
    }
}
