package io.armada.core.internal;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.ApiException;
import io.armada.core.Dialect;
import io.armada.core.ErrorKind;
import io.armada.core.Json;
import io.armada.core.TokenService;

/**
 * The token check in front of everything the HTTP whiteboard serves, before a byte of the body is read (security
 * review M1, M8): a request without a valid token is answered at once with the dialect's "not logged in" of the
 * routes nearest its path, with {@code Connection: close}, so an anonymous client that sends its body slowly holds
 * no request thread, and neither CXF nor a resource ever sees it. Only {@code GET}/{@code HEAD /health} passes
 * without a token, and only without a body. The JAX-RS filter ({@link TokenAuthFilter}) checks again behind it, in
 * the exact dialect of the matched resource.
 * <p>
 * An address that sent {@value FailedLogins#LIMIT} wrong tokens within a minute is refused unchecked for the rest of
 * that minute ({@link FailedLogins}, security review L10).
 * <p>
 * Every servlet context is covered, not just the JAX-RS whiteboard's default one: a servlet or a JAX-RS application
 * that another bundle registers elsewhere needs the token too.
 * <p>
 * Registered async-supported (it answers or passes the request on, and holds nothing), so the resources behind it
 * may answer with a JAX-RS {@code @Suspended AsyncResponse} and free the request thread while they wait.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=armada-token-gate",
        "osgi.http.whiteboard.filter.pattern=/*",
        "service.ranking:Integer=1000",
        "osgi.http.whiteboard.filter.asyncSupported:Boolean=true",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=*)"})
public class TokenGateFilter implements Filter {
    static final String HEALTH = "/health";
    private static final ObjectMapper MAPPER = Json.newMapper();

    private final TokenService tokens;
    private final LiveRouteCatalog catalog;
    private final FailedLogins failures = new FailedLogins();

    @Activate
    public TokenGateFilter(@Reference TokenService tokens, @Reference LiveRouteCatalog catalog) {
        this.tokens = tokens;
        this.catalog = catalog;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            return; // not HTTP: nothing of ours answers it
        }
        String path = path(req);
        boolean bodyless = !BodilessRequest.mayHaveBody(req.getHeader("Transfer-Encoding"),
                req.getHeader("Content-Length"));
        if (HEALTH.equals(path) && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))) {
            if (bodyless) {
                chain.doFilter(request, response);
            } else {
                refuse(res, Dialect.CORE, new ApiException(ErrorKind.BAD_REQUEST, "/health takes no body"));
            }
            return;
        }
        Dialect dialect = catalog.dialectNear(path);
        String address = req.getRemoteAddr();
        if (!failures.blocked(address) && authenticated(req, dialect)) {
            chain.doFilter(request, response);
            return;
        }
        if (Credentials.namesExplicit(req::getHeader, req.getQueryString())) {
            failures.failed(address); // a wrong token; none at all is not a guess
        }
        refuse(res, dialect, new ApiException(ErrorKind.UNAUTHORIZED, "not logged in"));
    }

    boolean authenticated(HttpServletRequest req, Dialect dialect) {
        if (Credentials.explicit(tokens, req::getHeader, req.getQueryString())) {
            return true;
        }
        if (!Credentials.cookieAllowed(dialect == Dialect.TARS, req::getHeader)) {
            return false;
        }
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if ("ticket".equals(c.getName()) && tokens.matches(c.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Answers without reading the body, and closes the connection so Jetty does not read what is left either. */
    static void refuse(HttpServletResponse res, Dialect dialect, ApiException e) throws IOException {
        Response r = dialect.error(e);
        byte[] body = MAPPER.writeValueAsBytes(r.getEntity() == null ? Map.of() : r.getEntity());
        res.setStatus(r.getStatus());
        res.setHeader("Connection", "close");
        res.setHeader("Cache-Control", "no-store");
        res.setContentType("application/json;charset=UTF-8");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
        res.flushBuffer();
    }

    static String path(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String context = req.getContextPath();
        if (uri == null) {
            return "/";
        }
        if (context != null && !context.isEmpty() && uri.startsWith(context)) {
            uri = uri.substring(context.length());
        }
        return uri.isEmpty() ? "/" : uri;
    }
}
