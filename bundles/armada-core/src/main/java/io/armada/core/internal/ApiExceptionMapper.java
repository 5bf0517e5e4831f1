package io.armada.core.internal;

import java.util.UUID;

import javax.ws.rs.ClientErrorException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.core.Json;

/**
 * The one place where a failure becomes an answer: whatever a resource, the JSON provider or the container throws
 * is answered in the dialect of the matched resource ({@link Dialects}). Our own faults are logged with a reference
 * the client sees; their details never reach the client.
 */
@Component(service = ExceptionMapper.class, scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName("armada.errors")
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);

    @Context
    ResourceInfo resourceInfo;

    @Context
    UriInfo uriInfo;

    private final LiveRouteCatalog catalog;

    @Activate
    public ApiExceptionMapper(@Reference LiveRouteCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Response toResponse(Throwable t) {
        ApiException e = classify(t);
        if (e.kind() == ErrorKind.INTERNAL && clientWentAway(t)) {
            // the client closed the connection before the answer was written (a load generator stopping, a timeout
            // on its side): nothing failed here and nothing can be sent
            LOG.debug("Request {}: the client went away: {}", describeRequest(), t.toString());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        if (e.kind() == ErrorKind.INTERNAL && !(t instanceof ApiException)) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Request {} failed (ref {})", describeRequest(), ref, t);
            e = new ApiException(ErrorKind.INTERNAL, "internal server error (ref " + ref + ")");
        } else if (e.kind() == ErrorKind.INTERNAL) {
            LOG.error("Request {} failed: {}", describeRequest(), t.getMessage(), t.getCause());
        } else if (e.kind() == ErrorKind.UNAVAILABLE && e.getCause() != null) {
            LOG.warn("Request {} refused, the database stayed busy: {}", describeRequest(), e.getCause().toString());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Request {} refused: {} {}", describeRequest(), e.kind(), e.getMessage());
        }
        Response r = dialect().error(e);
        if (resourceClass() == null && t instanceof WebApplicationException wae && wae.getResponse() != null
                && (wae.getResponse().getStatus() == 404 || wae.getResponse().getStatus() == 405)) {
            // no route matched: whatever the dialect, HTTP says so (the originals' frameworks answered 404/405 too),
            // so a route taken away with its bundle is a 404 for every client
            r = Response.fromResponse(r).status(wae.getResponse().getStatus()).build();
        }
        if (e.kind() == ErrorKind.TOO_LARGE) {
            // the rest of the body was never read: close rather than have the container drain or misparse it
            return Response.fromResponse(r).header("Connection", "close").build();
        }
        return r;
    }

    /** Whether the failure is the connection closed by the client while the answer was written. */
    static boolean clientWentAway(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < 8; depth++, cur = cur.getCause()) {
            // Jetty's EofException by name: core does not depend on Jetty
            if ("org.eclipse.jetty.io.EofException".equals(cur.getClass().getName())) {
                return true;
            }
            if (cur instanceof java.io.IOException && cur.getMessage() != null
                    && (cur.getMessage().contains("Broken pipe") || cur.getMessage().contains("Connection reset"))) {
                return true;
            }
            if (cur.getCause() == cur) {
                break;
            }
        }
        return false;
    }

    /** Maps any throwable to the kind of failure it stands for. */
    static ApiException classify(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < 8; depth++, cur = cur.getCause()) {
            if (cur instanceof ApiException api) {
                return api;
            }
            if (cur instanceof JsonProcessingException jpe) {
                return new ApiException(ErrorKind.BAD_REQUEST, Json.describe(jpe), jpe);
            }
            if (cur instanceof WebApplicationException wae) {
                return fromStatus(wae);
            }
            if (cur instanceof java.sql.SQLException sql && busy(sql.getSQLState())) {
                // the store tried again already (JpaStore) and the database stayed busy: the client may try later
                return new ApiException(ErrorKind.UNAVAILABLE, "the database is busy; try again", t);
            }
            if (cur.getCause() == cur) {
                break;
            }
        }
        return new ApiException(ErrorKind.INTERNAL, null, t);
    }

    /** A deadlock (40001, PostgreSQL's 40P01) or a Derby lock time-out (40XL1, 40XL2). */
    static boolean busy(String sqlState) {
        return sqlState != null && (sqlState.equals("40001") || sqlState.equals("40P01") || sqlState.startsWith("40XL"));
    }

    private static ApiException fromStatus(WebApplicationException wae) {
        int status = wae.getResponse() == null ? 500 : wae.getResponse().getStatus();
        if (wae instanceof NotFoundException || status == 404) {
            if (conversionFailure(wae.getCause())) {
                // JAX-RS answers a typed @QueryParam/@PathParam that does not convert with a 404 carrying the
                // conversion's failure; the route exists, the parameter is bad (security review L6, SPEC §3)
                return new ApiException(ErrorKind.BAD_REQUEST, "a query or path parameter does not parse");
            }
            return new ApiException(ErrorKind.NOT_FOUND, "no such route");
        }
        if (wae instanceof NotAllowedException || status == 405) {
            return new ApiException(ErrorKind.BAD_REQUEST, "method not allowed on this route");
        }
        if (wae instanceof NotSupportedException || status == 415) {
            return new ApiException(ErrorKind.BAD_REQUEST, "content type is not application/json");
        }
        if (status == 413) {
            return new ApiException(ErrorKind.TOO_LARGE, null);
        }
        if (status == 401 || status == 403) {
            return new ApiException(ErrorKind.UNAUTHORIZED, null);
        }
        if (wae instanceof ClientErrorException || (status >= 400 && status < 500)) {
            return new ApiException(ErrorKind.BAD_REQUEST, "bad request");
        }
        if (status == 501) {
            return new ApiException(ErrorKind.NOT_IMPLEMENTED, null);
        }
        if (status == 503) {
            return new ApiException(ErrorKind.UNAVAILABLE, null);
        }
        return new ApiException(ErrorKind.INTERNAL, null, wae);
    }

    /** A parameter's failed conversion, as JAX-RS implementations wrap it into the NotFoundException they throw. */
    static boolean conversionFailure(Throwable cause) {
        return cause instanceof IllegalArgumentException || cause instanceof java.time.DateTimeException
                || cause instanceof javax.ws.rs.ProcessingException;
    }

    /** The matched resource's dialect; without a match, the dialect of the routes nearest the path. */
    private io.armada.core.Dialect dialect() {
        Class<?> resource = resourceClass();
        if (resource != null) {
            return Dialects.of(resource);
        }
        try {
            return uriInfo == null ? io.armada.core.Dialect.CORE : catalog.dialectNear("/" + uriInfo.getPath());
        } catch (RuntimeException notInRequest) {
            return io.armada.core.Dialect.CORE;
        }
    }

    private Class<?> resourceClass() {
        try {
            return resourceInfo == null ? null : resourceInfo.getResourceClass();
        } catch (RuntimeException notInRequest) {
            return null;
        }
    }

    /** Method-less path only: the query string may carry a ticket. */
    private String describeRequest() {
        try {
            return uriInfo == null ? "?" : "/" + uriInfo.getPath();
        } catch (RuntimeException notInRequest) {
            return "?";
        }
    }
}
