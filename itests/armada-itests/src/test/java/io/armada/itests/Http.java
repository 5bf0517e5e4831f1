package io.armada.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for the tests, usable inside the container and outside. */
public final class Http {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: status, body text, body as JSON (null when not JSON). */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("not JSON (" + status + "): "
                        + (body.length() > 500 ? body.substring(0, 500) + "..." : body), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String base;
    private final Map<String, String> headers;

    public Http(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    public static Http local(int port, String token) {
        return new Http("http://127.0.0.1:" + port, token == null ? Map.of() : Map.of("X-Armada-Token", token));
    }

    public Http withHeaders(Map<String, String> other) {
        return new Http(base, other);
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Answer send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls until the condition holds; fails with the message after the deadline. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        await(what, deadline, condition, () -> "");
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}; the failure also says what {@code detail} gives then. */
    public static void await(String what, Duration deadline, BooleanSupplier condition,
            java.util.function.Supplier<String> detail) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for " + what + detail.get());
        }
    }
}
