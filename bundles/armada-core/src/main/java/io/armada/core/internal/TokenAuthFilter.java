package io.armada.core.internal;

import java.lang.reflect.Method;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import io.armada.core.ApiException;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.ErrorKind;
import io.armada.core.PublicRoute;
import io.armada.core.TokenService;

/**
 * The token check in front of every route but {@code /health} (SPEC §4). Accepts the forms each dialect's clients
 * already send: {@code Authorization: Bearer}, {@code Auth-Token} (goperation), {@code ?ticket=} or a {@code ticket}
 * cookie (tars routes asked from their own origin only), {@code appkey} (jobx, any {@code appname}),
 * {@code X-Armada-Token}. Without a valid token the request is answered with the matched resource's dialect "not
 * logged in"; a request whose resource cannot be told is refused too (fail closed). {@link TokenGateFilter} has
 * already refused anonymous requests before their body was read; this is the check that knows the matched resource.
 */
@Component(service = ContainerRequestFilter.class, scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName(ArmadaJaxrs.AUTH_FILTER_NAME)
public class TokenAuthFilter implements ContainerRequestFilter {

    private static final ClassValue<Boolean> PUBLIC_CLASS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(PublicRoute.class);
        }
    };

    private final TokenService tokens;

    @Context
    ResourceInfo resourceInfo;

    @Activate
    public TokenAuthFilter(@Reference TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        Class<?> resource = resourceInfo == null ? null : resourceInfo.getResourceClass();
        if (resource == null) {
            // fail closed (security review M8): a request this filter cannot place is refused, not let through
            if (!authenticated(ctx, Dialect.CORE)) {
                ctx.abortWith(Dialect.CORE.error(new ApiException(ErrorKind.UNAUTHORIZED, "not logged in")));
            }
            return;
        }
        Method method = resourceInfo.getResourceMethod();
        if (PUBLIC_CLASS.get(resource) || (method != null && method.isAnnotationPresent(PublicRoute.class))) {
            return;
        }
        Dialect dialect = Dialects.of(resource);
        if (!authenticated(ctx, dialect)) {
            ctx.abortWith(dialect.error(new ApiException(ErrorKind.UNAUTHORIZED, "not logged in")));
        }
    }

    /** True when any of the accepted forms carries the fleet token (a cookie only where {@link Credentials} allows). */
    boolean authenticated(ContainerRequestContext ctx, Dialect dialect) {
        if (Credentials.explicit(tokens, ctx::getHeaderString, ctx.getUriInfo().getRequestUri().getRawQuery())) {
            return true;
        }
        if (!Credentials.cookieAllowed(dialect == Dialect.TARS, ctx::getHeaderString)) {
            return false;
        }
        Cookie cookie = ctx.getCookies().get("ticket");
        return cookie != null && tokens.matches(cookie.getValue());
    }
}
