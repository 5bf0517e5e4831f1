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
 * Goperation's optional format suffix (SPEC §3): {@code /v1.0/agents.json} is {@code /v1.0/agents}. python-routes
 * captured and discarded the suffix; here it is cut off before matching, so goperation resources declare plain paths.
 * Only {@code .json} is cut, and only under {@code /v1.0/}, so host names and file names elsewhere keep their dots.
 */
@Component(service = ContainerRequestFilter.class, scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName("armada.format-suffix")
@PreMatching
public class FormatSuffixFilter implements ContainerRequestFilter {
    static final String PREFIX = "/v1.0/";
    static final String SUFFIX = ".json";

    @Override
    public void filter(ContainerRequestContext ctx) {
        String relative = ctx.getUriInfo().getPath(false);
        if (relative == null || !relative.endsWith(SUFFIX)) {
            return; // the common case, without building the request URI
        }
        URI uri = ctx.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        String stripped = strip(path);
        if (stripped != null) {
            ctx.setRequestUri(UriBuilder.fromUri(uri).replacePath(stripped).build());
        }
    }

    /** The path without its suffix, or {@code null} when there is nothing to cut. */
    static String strip(String path) {
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String cut = path.substring(0, path.length() - SUFFIX.length());
        return cut.endsWith("/") ? null : cut;
    }
}
