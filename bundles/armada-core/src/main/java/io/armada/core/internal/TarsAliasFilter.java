package io.armada.core.internal;

import java.net.URI;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.UriBuilder;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * TarsWeb mounts its API twice (reference §002.1): at {@code /api} and at {@code /pages/server/api}. The tars area
 * declares {@code /api} only; a request under the second prefix is answered by the same resource, its path rewritten
 * before matching. Its "not logged in" and other refusals come in the tars dialect as well
 * ({@link LiveRouteCatalog#dialectNear}).
 */
@Component(service = ContainerRequestFilter.class, scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName("armada.tars-alias")
@PreMatching
public class TarsAliasFilter implements ContainerRequestFilter {
    static final String ALIAS = "/pages/server/api/";
    static final String CANONICAL = "/api/";

    @Override
    public void filter(ContainerRequestContext ctx) {
        URI uri = ctx.getUriInfo().getRequestUri();
        String canonical = canonical(uri.getRawPath());
        if (canonical != null) {
            ctx.setRequestUri(UriBuilder.fromUri(uri).replacePath(canonical).build());
        }
    }

    /** The path under {@code /api/} for a path under the alias, else {@code null}. */
    static String canonical(String path) {
        if (path == null || !path.startsWith(ALIAS) || path.length() == ALIAS.length()) {
            return null;
        }
        return CANONICAL + path.substring(ALIAS.length());
    }
}
