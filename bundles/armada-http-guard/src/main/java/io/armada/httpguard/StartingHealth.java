package io.armada.httpguard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Answers {@code GET /health} with {@code 503 {"status":"STARTING","role":...}} while core does not serve
 * {@code /health} itself, so a script that polls it from the moment the port opens never sees Jetty's HTML 404.
 * Every other request, and {@code /health} once core serves it, passes through untouched.
 * <p>
 * A Jetty {@link HttpConfiguration.Customizer}: Jetty runs the customizers of a request before it hands the request
 * to its handlers, and stops there when a customizer marked the request handled (HttpChannel, Jetty 9.4).
 */
final class StartingHealth implements HttpConfiguration.Customizer {
    static final String PATH = "/health";

    private final BooleanSupplier coreServesHealth;
    private final byte[] body;

    StartingHealth(BooleanSupplier coreServesHealth, String role) {
        this.coreServesHealth = coreServesHealth;
        this.body = ("{\"status\":\"STARTING\",\"role\":\"" + jsonSafe(role) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        if (request.isHandled() || !PATH.equals(request.getRequestURI()) || coreServesHealth.getAsBoolean()) {
            return;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return;
        }
        request.setHandled(true);
        Response response = request.getResponse();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Retry-After", "1");
        response.setContentLength(body.length);
        if (!"HEAD".equals(method)) {
            try {
                response.getOutputStream().write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the client went away
            }
        }
    }

    /** The role comes from a system property: keep it to plain characters so the body stays JSON. */
    static String jsonSafe(String role) {
        if (role == null) {
            return "server";
        }
        StringBuilder b = new StringBuilder();
        for (char c : role.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
