package io.armada.scheduler.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.FleetClient;
import io.armada.core.Json;

/**
 * The {@code http} executor: one route of this server ({@code kwargs {method, path, body}}), called over loopback
 * through core's {@link FleetClient}, which sends the fleet token. A non-2xx answer, an error envelope, a transport
 * failure or no answer within the timeout fails the attempt.
 */
final class HttpStep implements StepExecutor {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final int SHOWN = 200;
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(2);

    private final FleetClient client;
    private final String base;
    private final Duration timeout;

    /**
     * @param base this server's base URL, e.g. {@code http://127.0.0.1:8181}
     */
    HttpStep(FleetClient client, String base, Duration timeout) {
        this.client = client;
        this.base = base;
        this.timeout = timeout;
    }

    /** This server over loopback: {@code armada.http.port}, else {@code org.osgi.service.http.port}, else 8181. */
    static String loopbackBase() {
        for (String key : new String[] {"armada.http.port", "org.osgi.service.http.port"}) {
            String v = System.getProperty(key);
            if (v != null && v.trim().matches("\\d{1,5}")) {
                return "http://127.0.0.1:" + v.trim();
            }
        }
        return "http://127.0.0.1:8181";
    }

    /** Whether this server answers {@code GET /health} with 200, that is UP: every area of its role is live. */
    boolean serverUp() {
        try {
            return client.send("GET", base + "/health", null, UP_TIMEOUT)
                    .get(UP_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).status() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException notYet) {
            return false; // not listening yet
        }
    }

    @Override
    public Outcome run(Map<String, Object> kwargs) {
        String method = ((String) kwargs.get("method")).toUpperCase(Locale.ROOT);
        String path = (String) kwargs.get("path");
        Object body = kwargs.get("body");
        FleetClient.Answer answer;
        try {
            answer = client.send(method, base + path, body, timeout)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(method + " " + path + ": interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return Outcome.failed(method + " " + path + ": " + c.getClass().getSimpleName() + ": " + c.getMessage());
        } catch (TimeoutException e) {
            return Outcome.failed(method + " " + path + ": no answer within " + timeout.toSeconds() + " s");
        }
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        String shown = text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
        if (answer.status() < 200 || answer.status() > 299) {
            return Outcome.failed(method + " " + path + ": HTTP " + answer.status() + " " + shown);
        }
        JsonNode json = null;
        try {
            json = JSON.readTree(answer.body());
        } catch (java.io.IOException | RuntimeException notJson) {
            // a plain-text answer: its status decides
        }
        String error = ErrorEnvelopes.error(json);
        if (error != null) {
            return Outcome.failed(method + " " + path + ": HTTP " + answer.status() + " " + error);
        }
        return Outcome.ok(method + " " + path + ": HTTP " + answer.status() + " " + shown);
    }
}
