package io.armada.httpguard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Answers {@code GET}/{@code HEAD /health} before the request reaches any servlet: with core's answer when core
 * gives one ({@code Object[] {Integer status, byte[] json}} from its health supplier), else with
 * {@code 503 {"status":"STARTING","role":...}}. So a script that polls {@code /health} from the moment the port opens
 * gets JSON every time, never Jetty's HTML 404, and a whiteboard that rebuilds its routes never shows through.
 * Every other request passes untouched.
 * <p>
 * A Jetty {@link HttpConfiguration.Customizer}: Jetty runs the customizers of a request before it hands the request
 * to its handlers, and stops there when a customizer marked the request handled (HttpChannel, Jetty 9.4).
 */
final class StartingHealth implements HttpConfiguration.Customizer {
    static final String PATH = "/health";

    private final Supplier<Supplier<?>> core;
    private final byte[] starting;

    StartingHealth(Supplier<Supplier<?>> core, String role) {
        this.core = core;
        this.starting = ("{\"status\":\"STARTING\",\"role\":\"" + jsonSafe(role) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        if (request.isHandled() || !PATH.equals(request.getRequestURI())) {
            return;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return;
        }
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            return; // a body on /health: core's gate refuses it without reading it
        }
        int status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        byte[] body = starting;
        Supplier<?> answer = core.get();
        if (answer != null) {
            try {
                Object[] r = (Object[]) answer.get();
                status = (Integer) r[0];
                body = (byte[]) r[1];
            } catch (RuntimeException coreStopping) {
                // core went away between the lookup and the call: it is starting again, or stopping
                status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
                body = starting;
            }
        }
        request.setHandled(true);
        Response response = request.getResponse();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", "1");
        }
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
