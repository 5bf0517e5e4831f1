package io.armada.files.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
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

import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.Params;
import io.armada.core.WireDialect;
import io.armada.files.FilePage;
import io.armada.files.FileRecord;
import io.armada.files.FileService;
import io.armada.files.FileStatus;
import io.armada.upload.MultipartReader;

/**
 * Seed 000 file routes under {@code /v1.0/files} (Goperation dialect, SPEC §10.2): list, create a record (JSON) or
 * upload a file (multipart, part {@code file}), show, set the status, delete; and the download route of uploaded
 * files, {@code GET /v1.0/files/{md5}/download}, with HTTP Range.
 */
@Component(service = FilesResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("files")
@WireDialect(Dialect.GOPERATION)
@Path(FilesResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
    public static final String PATH = "/v1.0/files";
    /** Form fields of an upload are short; more than this is refused. */
    static final int MAX_FIELD_BYTES = 1024;

    private final FileService files;

    @Activate
    public FilesResource(@Reference FileService files) {
        this.files = files;
    }

    @GET
    public Envelopes.Goperation index(@QueryParam("page_num") String pageNum, PageRequest body) {
        // the JSON body wins, as on the other goperation lists; a query value that does not parse is a 400
        Integer page = body != null && body.pageNum() != null ? body.pageNum() : Params.optionalInt(pageNum, "page_num");
        FilePage p = files.page(page == null ? 0 : page);
        return Envelopes.Goperation.page(p.rows().isEmpty() ? "No result found" : "Get files success",
                p.rows().stream().map(FileRow::of).toList(), p.total(), p.pagenum());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Envelopes.Goperation create(FileRequest body) {
        if (body == null) {
            throw ApiException.badRequest("json not match error schema: 'address', 'size' and 'md5' are required");
        }
        FileRecord r = files.create(body.toNewFile());
        return Envelopes.Goperation.one("Create file success", FileRow.Created.of(r));
    }

    /**
     * A file uploaded to the server: multipart/form-data with the bytes in the part {@code file} and optional fields
     * {@code md5}, {@code ext} and {@code desc} (before the file, as {@code curl -F md5=... -F file=@x} sends them).
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Envelopes.Goperation upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri) {
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        String md5 = null;
        String ext = null;
        String desc = null;
        FileRecord stored = null;
        AtomicBoolean created = new AtomicBoolean();
        try (MultipartReader parts = new MultipartReader(body, MultipartReader.boundary(contentType),
                ArmadaJaxrs.MAX_UPLOAD_BYTES + 64 * 1024, 16)) {
            MultipartReader.Part part;
            while ((part = parts.next()) != null) {
                if (!part.isFile()) {
                    String value = field(part, parts.stream());
                    switch (part.name() == null ? "" : part.name()) {
                        case "md5" -> {
                            if (stored != null && !value.trim().equalsIgnoreCase(stored.md5())) {
                                if (created.get()) {
                                    files.delete(stored.md5());
                                }
                                throw ApiException.badRequest("md5 of the uploaded bytes is " + stored.md5() + ", not "
                                        + value.trim());
                            }
                            md5 = value;
                        }
                        case "ext" -> ext = value;
                        case "desc" -> desc = value;
                        default -> {
                            // other fields are ignored, as a form's extra fields are
                        }
                    }
                } else if ("file".equals(part.name())) {
                    if (stored != null) {
                        throw ApiException.badRequest("one file per upload");
                    }
                    String e = ext != null ? ext : emptyToNull(io.armada.files.internal.FileRules.extOf(part.filename()));
                    try (InputStream in = parts.stream()) {
                        stored = files.upload(in, md5, e, desc, m -> {
                            created.set(true);
                            return base + PATH + "/" + m + "/download";
                        });
                    }
                }
            }
        } catch (IOException e) {
            if (stored != null && created.get()) {
                // the file was whole, but the body after it is broken: nothing is kept
                files.delete(stored.md5());
            }
            throw ApiException.badRequest("upload failed, nothing kept: " + e.getMessage());
        }
        if (stored == null) {
            throw ApiException.badRequest("no part named file in the upload");
        }
        return Envelopes.Goperation.one("Upload file success", FileRow.of(stored));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String field(MultipartReader.Part part, InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_FIELD_BYTES + 1);
        if (b.length > MAX_FIELD_BYTES) {
            throw ApiException.badRequest("form field " + part.name() + " is longer than " + MAX_FIELD_BYTES + " bytes");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    @GET
    @Path("{md5}")
    public Envelopes.Goperation show(@PathParam("md5") String md5) {
        FileRecord r = files.file(md5).orElseThrow(() -> ApiException.refused("File " + md5 + " not found"));
        if (r.status() != FileStatus.FILEOK) {
            throw ApiException.refused("File " + r.md5() + " status is " + r.status() + ", not FILEOK");
        }
        return Envelopes.Goperation.one("Show file success", FileRow.of(r));
    }

    @PUT
    @Path("{md5}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Envelopes.Goperation update(@PathParam("md5") String md5, FileRequest body) {
        if (body == null || body.status() == null) {
            throw ApiException.badRequest("json not match error schema: 'status' is a required property");
        }
        return Envelopes.Goperation.one("Update file success", FileRow.of(files.setStatus(md5, body.status())));
    }

    @DELETE
    @Path("{md5}")
    public Envelopes.Goperation delete(@PathParam("md5") String md5) {
        Optional<FileRecord> was = files.delete(md5);
        return was.map(r -> Envelopes.Goperation.one("Delete file success", FileRow.of(r)))
                .orElseGet(() -> Envelopes.Goperation.ok("Delete file do nothing, not found", java.util.List.of()));
    }

    /** The bytes of a file uploaded here; {@code Range: bytes=a-b} answers 206 with that part. */
    @GET
    @Path("{md5}/download")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("md5") String md5, @HeaderParam("Range") String range) {
        java.nio.file.Path file = files.content(md5)
                .orElseThrow(() -> ApiException.notFound("File " + md5 + " is not stored on this server"));
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw ApiException.notFound("File " + md5 + " is not stored on this server");
        }
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, size);
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + size)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(java.util.Map.of("msg", "Range not satisfiable: the file has " + size + " bytes")).build();
        }
        long first = part.map(ByteRange::first).orElse(0L);
        long length = part.map(ByteRange::length).orElse(size);
        Response.ResponseBuilder b = Response.status(part.isPresent() ? 206 : 200)
                .entity(stream(file, first, length))
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        part.ifPresent(r -> b.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size));
        return b.build();
    }

    private static StreamingOutput stream(java.nio.file.Path file, long first, long length) {
        return out -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                WritableByteChannel target = Channels.newChannel(out);
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                long position = first;
                long left = length;
                while (left > 0) {
                    buffer.clear();
                    if (left < buffer.capacity()) {
                        buffer.limit((int) left);
                    }
                    int n = ch.read(buffer, position);
                    if (n < 0) {
                        break;
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        target.write(buffer);
                    }
                    position += n;
                    left -= n;
                }
                out.flush();
            }
        };
    }

}
