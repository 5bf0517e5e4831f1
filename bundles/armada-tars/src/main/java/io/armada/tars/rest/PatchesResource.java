package io.armada.tars.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
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
import io.armada.tars.PatchPackage;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPatches;
import io.armada.tars.TarsService;
import io.armada.tars.TarsTasks;
import io.armada.upload.MultipartReader;

/**
 * Patch packages (reference §002.9): {@code upload_patch_package} (POST or PUT, multipart with the package in the file
 * part {@code suse}, read as a stream), {@code upload_and_publish} (the same, then a serial {@code patch_tars} task
 * over the server's nodes; plain text, once the task ended), {@code server_patch_list}, and {@code download_package},
 * the route the nodes fetch a package from (the fleet token, like every route here).
 */
@Component(service = PatchesResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("tars")
@WireDialect(Dialect.TARS)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class PatchesResource {
    static final int MAX_FIELD_BYTES = 4096;
    private final TarsPatches patches;
    private final TarsTasks tasks;
    private final TarsService servers;

    @Activate
    public PatchesResource(@Reference TarsPatches patches, @Reference TarsTasks tasks,
            @Reference TarsService servers) {
        this.patches = patches;
        this.tasks = tasks;
        this.servers = servers;
    }

    /** The form's fields (query string, then the text parts, which win) and the staged package. */
    private record Upload(Map<String, String> fields, TarsPatches.Staged staged) {
    }

    private Upload read(UriInfo uri, String contentType, InputStream body) {
        Map<String, String> fields = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty() && !k.equals("ticket")) {
                fields.put(k, v.get(0));
            }
        });
        TarsPatches.Staged staged = null;
        boolean ok = false;
        try (MultipartReader parts = new MultipartReader(body, MultipartReader.boundary(contentType),
                ArmadaJaxrs.MAX_UPLOAD_BYTES + 64 * 1024, 16)) {
            MultipartReader.Part part;
            while ((part = parts.next()) != null) {
                if (!part.isFile()) {
                    byte[] b = parts.stream().readNBytes(MAX_FIELD_BYTES + 1);
                    if (b.length > MAX_FIELD_BYTES) {
                        throw ApiException.badRequest("form field " + part.name() + " is longer than "
                                + MAX_FIELD_BYTES + " bytes");
                    }
                    fields.put(part.name() == null ? "" : part.name(), new String(b, StandardCharsets.UTF_8));
                } else if ("suse".equals(part.name())) {
                    if (staged != null) {
                        throw ApiException.badRequest("one package per upload");
                    }
                    try (InputStream in = parts.stream()) {
                        staged = patches.stage(in);
                    }
                }
            }
            ok = true;
        } catch (IOException e) {
            throw ApiException.badRequest("upload failed, nothing kept: " + e.getMessage());
        } finally {
            if (!ok) {
                patches.discard(staged);
            }
        }
        return new Upload(fields, staged);
    }

    private PatchPackage store(Upload u) {
        Map<String, String> f = u.fields();
        return patches.upload(f.get("application"), f.get("module_name"), f.get("comment"), f.get("md5"),
                u.staged(), "");
    }

    @POST
    @Path("upload_patch_package")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object upload(@Context UriInfo uri, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        return Envelopes.Tars.ok(ExecRows.uploaded(store(read(uri, contentType, body))));
    }

    @PUT
    @Path("upload_patch_package")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object uploadPut(@Context UriInfo uri, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        return upload(uri, contentType, body);
    }

    /**
     * Upload, then a serial {@code patch_tars} task over the server's rows (those whose setting state is
     * {@code inactive} only with {@code restart=1}, as TarsWeb); answers TarsWeb's plain-text report once the task
     * ended (TarsWeb polled every 2 s; here the request is suspended until the task's end, with no thread waiting).
     */
    @POST
    @Path("upload_and_publish")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_PLAIN)
    public void uploadAndPublish(@Context UriInfo uri, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body, @Suspended AsyncResponse answer) {
        Response now = publish(uri, contentType, body, answer);
        if (now != null) {
            answer.resume(now);
        }
    }

    /** The plain-text answer when it is known before the task runs; null when the task's end will answer. */
    private Response publish(UriInfo uri, String contentType, InputStream body, AsyncResponse answer) {
        PatchPackage p;
        Upload u;
        try {
            u = read(uri, contentType, body);
            p = store(u);
        } catch (ApiException e) {
            // plain text, as the original writes its errors here too
            return text("upload_and_publish failed: " + e.getMessage() + "\n");
        }
        boolean all = "1".equals(u.fields().get("restart")) || "true".equals(u.fields().get("restart"));
        String app = p.server().substring(0, p.server().indexOf('.'));
        String server = p.server().substring(p.server().indexOf('.') + 1);
        List<ServerConf> rows = servers.servers("1" + app + ".5" + server, 0, 0).rows().stream()
                .filter(s -> all || !"inactive".equals(s.settingState())).toList();
        if (rows.isEmpty()) {
            return text(ExecRows.publishReport(p, null));
        }
        String taskNo;
        try {
            taskNo = tasks.addTask(true, rows.stream().map(s -> new NewTaskItem(s.id(), "patch_tars",
                    Map.of("patch_id", Long.toString(p.id()), "update_text", p.comment()))).toList(), base(uri), "");
        } catch (ApiException e) {
            return text(ExecRows.publishReport(p, null) + "publish failed: " + e.getMessage() + "\n");
        }
        String failed = ExecRows.publishReport(p, null) + "publish task " + taskNo + ": ";
        answer.setTimeoutHandler(a -> a.resume(text(failed + TasksResource.overtime().getMessage() + "\n")));
        answer.setTimeout(TasksResource.MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        tasks.ended(taskNo).whenComplete((task, failure) -> {
            if (failure == null) {
                answer.resume(text(ExecRows.publishReport(p, task)));
            } else {
                answer.resume(text(failed + TasksResource.unwrap(failure).getMessage() + "\n"));
            }
        });
        return null;
    }

    private static Response text(String s) {
        return Response.ok(s, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }

    static String base(UriInfo uri) {
        return uri.getBaseUri().toString().replaceAll("/+$", "");
    }

    @GET
    @Path("server_patch_list")
    public Object list(@Context UriInfo uri, JsonNode body) {
        TarsParams p = TarsParams.of(uri, body);
        return Envelopes.Tars.ok(ExecRows.patches(patches.list(p.text("application"), p.text("module_name"),
                p.page(), p.pageSize())));
    }

    /** A package's bytes (the nodes' {@code patch_tars} download; the fleet token is required). */
    @GET
    @Path("download_package")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@Context UriInfo uri, JsonNode body) {
        long id = TarsParams.of(uri, body).id("id");
        PatchPackage p = patches.patch(id);
        java.nio.file.Path file = patches.file(id)
                .orElseThrow(() -> ApiException.badRequest("the package file of " + id + " is not on this server"));
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw ApiException.badRequest("the package file of " + id + " is not on this server");
        }
        StreamingOutput stream = o -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                WritableByteChannel target = Channels.newChannel(o);
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                while (ch.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        target.write(buffer);
                    }
                    buffer.clear();
                }
                o.flush();
            }
        };
        return Response.ok(stream, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, size)
                .header("Content-Disposition", "attachment; filename=\"" + p.tgz() + "\"").build();
    }
}
