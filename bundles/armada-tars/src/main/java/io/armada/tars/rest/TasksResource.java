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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
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
 * nodes' results ({@code send_command}, {@code push_config_file}, {@code load_server}) suspend the request (a JAX-RS
 * {@link AsyncResponse}) and are answered when the nodes' calls end ({@link #answer}): no request thread waits.
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
     * Answers the suspended request when the stage ends: its value through {@code ok}, its failure through core's
     * exception mapper (the dialect's error); a stage still running after {@link #MAX_WAIT_SECONDS} answers the
     * dialect's "unavailable". The calling (request) thread returns at once.
     */
    static <T> void answer(AsyncResponse answer, CompletionStage<T> stage, Function<T, Object> ok) {
        answer.setTimeoutHandler(a -> a.resume(overtime()));
        answer.setTimeout(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                answer.resume(unwrap(failure));
                return;
            }
            Object body;
            try {
                body = ok.apply(value);
            } catch (RuntimeException e) {
                answer.resume(e);
                return;
            }
            answer.resume(body);
        });
    }

    static ApiException overtime() {
        return ApiException.unavailable("the nodes did not answer within " + MAX_WAIT_SECONDS + " s");
    }

    /** The failure itself, not the wrapper a dependent stage puts around it. */
    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    @GET
    @Path("send_command")
    public void sendCommand(@Context UriInfo uri, JsonNode body, @Suspended AsyncResponse answer) {
        TarsParams p = TarsParams.of(uri, body);
        List<Long> ids = new ArrayList<>();
        for (String s : NodesResource.list(p, "server_ids")) {
            ids.add(io.armada.core.Params.id(s, "server_ids"));
        }
        answer(answer, tasks.sendCommand(ids, p.text("command")), r -> Envelopes.Tars.ok(ExecRows.targets(r)));
    }

    @GET
    @Path("push_config_file")
    public void pushConfig(@Context UriInfo uri, JsonNode body, @Suspended AsyncResponse answer) {
        TarsParams p = TarsParams.of(uri, body);
        List<Long> ids = new ArrayList<>();
        for (String s : NodesResource.list(p, "ids")) {
            ids.add(io.armada.core.Params.id(s, "ids"));
        }
        answer(answer, tasks.pushConfig(ids), r -> Envelopes.Tars.ok(ExecRows.targets(r)));
    }

    @GET
    @Path("get_realtime_state")
    public Object realtime(@Context UriInfo uri, JsonNode body) {
        return Envelopes.Tars.ok(Map.of("realtime_state", tasks.realtimeState(TarsParams.of(uri, body).id("id"))));
    }

    @GET
    @Path("load_server")
    public void loadServer(@Context UriInfo uri, JsonNode body, @Suspended AsyncResponse answer) {
        TarsParams p = TarsParams.of(uri, body);
        answer(answer, tasks.loadServer(p.text("application"), p.text("server_name"), p.text("node_name")),
                Envelopes.Tars::ok);
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
