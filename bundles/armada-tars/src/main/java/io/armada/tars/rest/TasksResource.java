package io.armada.tars.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;

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
import io.armada.tars.NewTaskItem;
import io.armada.tars.TarsTasks;

/**
 * What acts on the nodes (reference §002.8, SPEC §10.4): {@code add_task}, {@code task}, {@code task_list},
 * {@code send_command}, {@code push_config_file}, {@code get_realtime_state}, {@code load_server} and
 * {@code expand_server}. Tasks are answered at once and run without a request thread; the routes that answer the
 * nodes' results wait for them ({@link #await}).
 */
@Component(service = TasksResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("tars")
@WireDialect(Dialect.TARS)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final TarsTasks tasks;

    @Activate
    public TasksResource(@Reference TarsTasks tasks) {
        this.tasks = tasks;
    }

    @POST
    @Path("add_task")
    public Object addTask(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        List<TarsParams> list = p.objects("items");
        if (list == null || list.isEmpty()) {
            throw ApiException.badRequest("items#common.notEmpty#");
        }
        List<NewTaskItem> items = new ArrayList<>();
        for (TarsParams i : list) {
            items.add(new NewTaskItem(i.id("server_id"), i.text("command"), strings(i.node("parameters"))));
        }
        return Envelopes.Tars.ok(tasks.addTask(Boolean.TRUE.equals(p.bool("serial")), items,
                PatchesResource.base(uri), ""));
    }

    /** TarsWeb's {@code map<string,string>}: each value as text ({@code bak_flag: true} becomes {@code "1"}). */
    static Map<String, String> strings(JsonNode params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (params == null || params.isNull()) {
            return out;
        }
        if (!params.isObject()) {
            throw ApiException.badRequest("parameters must be an object");
        }
        params.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isBoolean()) {
                out.put(e.getKey(), v.booleanValue() ? "1" : "0");
            } else if (v.isValueNode()) {
                out.put(e.getKey(), v.asText());
            } else if (!v.isNull()) {
                throw ApiException.badRequest("parameters." + e.getKey() + " must be text");
            }
        });
        return out;
    }

    @GET
    @Path("task")
    public Object task(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(ExecRows.task(tasks.task(TarsParams.of(uri, body).text("task_no"))));
    }

    @GET
    @Path("task_list")
    public Object taskList(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(ExecRows.tasks(tasks.tasks(p.text("application"), p.text("server_name"),
                blankToNull(p.text("command")), time(p.text("from"), "from", false), time(p.text("to"), "to", true),
                p.page(), p.pageSize())));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** {@code YYYY-MM-DD} (a {@code to} date includes its day) or {@code YYYY-MM-DD HH:mm:ss}; null when absent. */
    static Instant time(String text, String name, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return (end ? d.plusDays(1) : d).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
            return LocalDateTime.parse(t, TIME).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be YYYY-MM-DD or YYYY-MM-DD HH:mm:ss");
        }
    }

    /** Longest a route waits for its nodes: every node call has a deadline of its own, shorter than this. */
    static final long MAX_WAIT_SECONDS = 20 * 60;

    /**
     * The stage's result, waited for on the request thread. Core's servlet filters do not support asynchronous
     * requests (a JAX-RS {@code AsyncResponse} is refused: "Continuation not supported"), so the routes that answer
     * the nodes' results wait here; the node calls themselves hold no thread, and tasks never wait.
     */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while the nodes worked");
        } catch (java.util.concurrent.TimeoutException e) {
            throw ApiException.unavailable("the nodes did not answer within " + MAX_WAIT_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(t);
        }
    }

    @GET
    @Path("send_command")
    public Object sendCommand(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        List<Long> ids = new ArrayList<>();
        for (String s : NodesResource.list(p, "server_ids")) {
            ids.add(io.armada.core.Params.id(s, "server_ids"));
        }
        return Envelopes.Tars.ok(ExecRows.targets(await(tasks.sendCommand(ids, p.text("command")))));
    }

    @GET
    @Path("push_config_file")
    public Object pushConfig(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        List<Long> ids = new ArrayList<>();
        for (String s : NodesResource.list(p, "ids")) {
            ids.add(io.armada.core.Params.id(s, "ids"));
        }
        return Envelopes.Tars.ok(ExecRows.targets(await(tasks.pushConfig(ids))));
    }

    @GET
    @Path("get_realtime_state")
    public Object realtime(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(Map.of("realtime_state", tasks.realtimeState(TarsParams.of(uri, body).id("id"))));
    }

    @GET
    @Path("load_server")
    public Object loadServer(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(await(tasks.loadServer(p.text("application"), p.text("server_name"),
                p.text("node_name"))));
    }

    @POST
    @Path("expand_server")
    public Object expand(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        List<TarsParams> list = p.objects("expand_preview_servers");
        List<TarsTasks.ExpandTarget> targets = new ArrayList<>();
        if (list != null) {
            for (TarsParams t : list) {
                targets.add(new TarsTasks.ExpandTarget(t.text("node_name"), t.text("obj_name"), t.text("bind_ip"),
                        t.integer("port", 0)));
            }
        }
        TarsTasks.Expanded e = tasks.expand(p.text("application"), p.text("server_name"), p.text("node_name"),
                targets, PatchesResource.base(uri), "");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server_conf", TarsRows.servers(e.servers()));
        m.put("tars_node_rst", List.of());
        m.put("task_no", e.taskNo());
        return Envelopes.Tars.ok(m);
    }
}
