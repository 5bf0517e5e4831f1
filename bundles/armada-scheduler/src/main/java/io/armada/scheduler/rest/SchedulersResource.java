package io.armada.scheduler.rest;

import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
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

import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.Params;
import io.armada.core.WireDialect;
import io.armada.scheduler.JobPage;
import io.armada.scheduler.ScheduledJob;
import io.armada.scheduler.SchedulerService;

/**
 * Seed 000 scheduler routes under {@code /v1.0/schedulers} (Goperation dialect, SPEC §10.3): create, list, show,
 * update, delete, stop and start (the seed swaps the descriptions of the last two; {@code stop} stops).
 */
@Component(service = SchedulersResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("scheduler")
@WireDialect(Dialect.GOPERATION)
@Path(SchedulersResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class SchedulersResource {
    public static final String PATH = "/v1.0/schedulers";

    private final SchedulerService scheduler;

    @Activate
    public SchedulersResource(@Reference SchedulerService scheduler) {
        this.scheduler = scheduler;
    }

    @GET
    public Envelopes.Goperation index(@QueryParam("page_num") String pageNum, PageRequest body) {
        Integer page = body != null && body.pageNum() != null ? body.pageNum() : Params.optionalInt(pageNum, "page_num");
        JobPage p = scheduler.page(page == null ? 0 : page);
        return Envelopes.Goperation.page(p.rows().isEmpty() ? "No result found" : "Get schedulers success",
                p.rows().stream().map(j -> SchedulerRow.of(j, false)).toList(), p.total(), p.pagenum());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Envelopes.Goperation create(Map<String, Object> body) {
        ScheduledJob j = scheduler.create(body);
        return Envelopes.Goperation.one("Create scheduler job:" + j.jobId() + " success",
                new SchedulerRow.Created(j.jobId()));
    }

    @GET
    @Path("{job_id}")
    public Envelopes.Goperation show(@PathParam("job_id") String jobId) {
        long id = id(jobId);
        ScheduledJob j = scheduler.job(id).orElseThrow(() -> ApiException.notFound("Scheduler job:" + id
                + " not found"));
        return Envelopes.Goperation.one("Show scheduler job:" + id + " success", SchedulerRow.of(j, true));
    }

    @PUT
    @Path("{job_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Envelopes.Goperation update(@PathParam("job_id") String jobId, Map<String, Object> body) {
        long id = id(jobId);
        ScheduledJob j = scheduler.update(id, body);
        return Envelopes.Goperation.one("Update scheduler job:" + id + " success", SchedulerRow.of(j, false));
    }

    @DELETE
    @Path("{job_id}")
    public Envelopes.Goperation delete(@PathParam("job_id") String jobId) {
        long id = id(jobId);
        ScheduledJob j = scheduler.delete(id);
        return Envelopes.Goperation.one("Delete scheduler job:" + id + " success", SchedulerRow.of(j, false));
    }

    @POST
    @Path("{job_id}/stop")
    public Envelopes.Goperation stop(@PathParam("job_id") String jobId) {
        long id = id(jobId);
        return Envelopes.Goperation.one("Stop scheduler job:" + id + " success",
                SchedulerRow.of(scheduler.stop(id), false));
    }

    @POST
    @Path("{job_id}/start")
    public Envelopes.Goperation start(@PathParam("job_id") String jobId) {
        long id = id(jobId);
        return Envelopes.Goperation.one("Start scheduler job:" + id + " success",
                SchedulerRow.of(scheduler.start(id), false));
    }

    private static long id(String raw) {
        return Params.id(raw, "job_id");
    }
}
