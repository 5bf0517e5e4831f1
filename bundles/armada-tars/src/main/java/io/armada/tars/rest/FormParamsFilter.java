package io.armada.tars.rest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import javax.servlet.MultipartConfigElement;
import javax.servlet.http.Part;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.eclipse.jetty.http.MultiPartFormInputStream;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.core.Json;

/**
 * TarsWeb merges form fields into a route's parameters as it merges JSON ({@code koa-bodyparser} and
 * {@code koa-multer}, reference §002.1): a tars route's {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data} body (text fields only, at most {@value #MAX_BYTES} bytes) is turned into the JSON
 * object of its fields before matching, so every resource reads one kind of body ({@link TarsParams}). Only paths
 * under {@code /api/} and {@code /pages/server/api/} are touched (not the monitor's {@code /api/v1/} nor the jobs
 * area's {@code /api/jobx/}).
 */
@Component(service = javax.ws.rs.container.ContainerRequestFilter.class, scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName("armada.tars-form-params")
@PreMatching
public class FormParamsFilter implements ContainerRequestFilter {
    static final int MAX_BYTES = 1024 * 1024;
    static final java.util.Set<String> UPLOADS = java.util.Set.of("upload_patch_package", "upload_and_publish");
    private static final ObjectMapper JSON = Json.newMapper();

    /** Whether a request path (with or without its leading slash) is a tars route's. */
    static boolean tarsPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith("pages/server/api/")) {
            return true;
        }
        // not the monitor's /api/v1/ nor the jobs area's /api/jobx/: their bodies are their own business
        return p.startsWith("api/") && !p.startsWith("api/v1/") && !p.startsWith("api/jobx/");
    }

    /** The routes that take a package upload (file part {@code suse}) read their multipart body themselves. */
    static boolean uploadPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        String route = p.startsWith("api/") ? p.substring(4)
                : p.startsWith("pages/server/api/") ? p.substring("pages/server/api/".length()) : "";
        return UPLOADS.contains(route);
    }

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        MediaType type = ctx.getMediaType();
        String path = ctx.getUriInfo().getPath(false);
        if (type == null || !tarsPath(path) || uploadPath(path)) {
            return;
        }
        boolean form = type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        boolean multipart = type.getType().equalsIgnoreCase("multipart")
                && type.getSubtype().equalsIgnoreCase("form-data");
        if (!form && !multipart) {
            return;
        }
        byte[] body = read(ctx.getEntityStream());
        ObjectNode fields = form ? formFields(body) : multipartFields(body, ctx.getHeaderString(HttpHeaders.CONTENT_TYPE));
        ctx.setEntityStream(new ByteArrayInputStream(JSON.writeValueAsBytes(fields)));
        ctx.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        ctx.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
    }

    static byte[] read(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0;) {
            out.write(buf, 0, n);
            if (out.size() > MAX_BYTES) {
                throw new ApiException(ErrorKind.TOO_LARGE, "form body over the limit of " + MAX_BYTES + " bytes");
            }
        }
        return out.toByteArray();
    }

    /** {@code a=1&b=x+y}: each name once, the last value winning, as koa-bodyparser's qs keeps one. */
    static ObjectNode formFields(byte[] body) {
        ObjectNode o = JSON.createObjectNode();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                o.put(name, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the form body is not URL-encoded: " + e.getMessage());
            }
        }
        return o;
    }

    /** The text fields of a multipart body; a file part is refused (only the upload routes take files). */
    static ObjectNode multipartFields(byte[] body, String contentType) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        // parts stay in memory: the threshold is above the body's limit, so the folder is never written
        java.io.File tmp = new java.io.File(System.getProperty("java.io.tmpdir"));
        MultiPartFormInputStream parser = new MultiPartFormInputStream(new ByteArrayInputStream(body), contentType,
                new MultipartConfigElement(tmp.getPath(), MAX_BYTES, MAX_BYTES, MAX_BYTES + 1), tmp);
        try {
            for (Part part : parser.getParts()) {
                if (part.getSubmittedFileName() != null) {
                    throw ApiException.badRequest("part " + part.getName() + " is a file: this route takes fields");
                }
                try (InputStream in = part.getInputStream()) {
                    o.put(part.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | IllegalStateException e) {
            throw ApiException.badRequest("the multipart body cannot be read: " + e.getMessage());
        } finally {
            parser.deleteParts();
        }
        return o;
    }
}
