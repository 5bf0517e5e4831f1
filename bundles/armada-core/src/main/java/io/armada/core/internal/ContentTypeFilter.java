package io.armada.core.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Lets the clients of the originals send JSON the way they do: without a Content-Type, or with curl's default
 * {@code application/x-www-form-urlencoded} or {@code text/plain}. When such a body starts with {@code {} or
 * {@code [}, it is marked as JSON; anything else is left alone (real forms and multipart stay forms). A request
 * without a body and without a Content-Type is marked as JSON too, so an optional JSON body reads as absent.
 */
@Component(service = ContainerRequestFilter.class, scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName("armada.content-type")
@PreMatching
public class ContentTypeFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        // Never CXF's hasEntity(): it copies the whole body into CXF's cache before answering (a 100 MiB upload went
        // to a temporary file before the resource read a byte, bench/files.sh). What is needed is read here: at most
        // the first bytes of a body whose type is absent or one the originals' clients send JSON under.
        boolean mayHaveBody = BodilessRequest.mayHaveBody(ctx.getHeaderString("Transfer-Encoding"),
                ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        MediaType type = ctx.getMediaType();
        if (!mayHaveBody) {
            markEmpty(ctx, type);
            return;
        }
        if (type != null && !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                && !type.isCompatible(MediaType.TEXT_PLAIN_TYPE)
                && !type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE)) {
            // JSON, multipart and every other declared type: left alone, not a byte read here
            return;
        }
        InputStream in = ctx.getEntityStream();
        if (in == null) {
            markEmpty(ctx, type);
            return;
        }
        BufferedInputStream peek = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 256);
        peek.mark(256);
        int c = peek.read();
        for (int seen = 1; seen < 255 && isSkippable(c); seen++) {
            c = peek.read();
        }
        peek.reset();
        ctx.setEntityStream(peek);
        if (c == -1) {
            markEmpty(ctx, type);
            return;
        }
        if (ctx.getCookies().containsKey("ticket")
                && !Credentials.namesExplicit(ctx::getHeaderString, ctx.getUriInfo().getRequestUri().getRawQuery())) {
            // the credential can only be the cookie, which a browser sends by itself: a cross-site form or text/plain
            // post (no CORS preflight) must not turn into JSON (security review L1)
            return;
        }
        if (c == '{' || c == '[') {
            ctx.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    /**
     * A request without a body (curl GET /v1.0/agents) to a resource whose JSON body is optional: without a type CXF
     * would look for an application/octet-stream reader and answer 415; as JSON it reads as "no body".
     */
    private static void markEmpty(ContainerRequestContext ctx, MediaType type) {
        if (type == null) {
            ctx.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    /** Whitespace and the bytes of a UTF-8 byte order mark. */
    private static boolean isSkippable(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF;
    }
}
