package io.armada.testarea.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

/**
 * The same routes in every dialect (subclasses pick the dialect and the path): echo a body, refuse with a given
 * kind, fail with a fault of ours.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class EchoResource {

    /** Wraps the answer in the subclass's dialect envelope. */
    protected abstract Object ok(Object data);

    @POST
    @Path("echo")
    public Object echo(EchoRequest body) {
        return ok(describe(body));
    }

    @GET
    @Path("echo")
    public Object echoGet(EchoRequest body) {
        return ok(describe(body));
    }

    @DELETE
    @Path("echo")
    public Object echoDelete(EchoRequest body) {
        return ok(describe(body));
    }

    @GET
    @Path("ping")
    public Object ping() {
        return ok(Map.of("pong", true));
    }

    @GET
    @Path("fail/{kind}")
    public Object fail(@PathParam("kind") String kind) {
        ErrorKind k;
        try {
            k = ErrorKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown kind " + kind);
        }
        throw new ApiException(k, "refused as " + k);
    }

    /** A typed query parameter, as some areas still take them: one that does not parse is the dialect's 400. */
    @GET
    @Path("typed")
    public Object typed(@javax.ws.rs.QueryParam("n") Long n) {
        return ok(java.util.Map.of("n", n == null ? -1L : n));
    }

    @GET
    @Path("boom")
    public Object boom() {
        throw new IllegalStateException("secret internals that must not reach the client");
    }

    private static Map<String, Object> describe(EchoRequest body) {
        if (body == null) {
            throw ApiException.badRequest("body is required");
        }
        if (body.name == null || body.name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", body.name);
        out.put("count", body.count);
        out.put("tags", body.tags);
        out.put("kind", body.kind);
        return out;
    }
}
