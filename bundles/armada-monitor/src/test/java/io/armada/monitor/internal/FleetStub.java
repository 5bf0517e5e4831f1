package io.armada.monitor.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.FleetClient;
import io.armada.core.Json;

/** A FleetClient on the JDK's HttpClient, as core's, for tests without OSGi. */
final class FleetStub implements FleetClient {
    private static final ObjectMapper JSON = Json.newMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    volatile int gets;

    @Override
    public CompletableFuture<Answer> send(String method, String url, Object body, Duration timeout) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("X-Armada-Token", "test-token").header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            return client.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(a -> new Answer(a.statusCode(), a.body()));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Core's streamed GET (FleetFetch), on HttpURLConnection; the token "test-token" when asked. */
    @Override
    public Fetched fetch(String url, boolean withToken, Duration timeout, long maxBytes, java.io.OutputStream sink)
            throws java.io.IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setReadTimeout((int) timeout.toMillis());
        if (withToken) {
            c.setRequestProperty("X-Armada-Token", "test-token");
        }
        int status = c.getResponseCode();
        if (status != 200) {
            c.disconnect();
            return new Fetched(status, 0);
        }
        long n = 0;
        try (java.io.InputStream in = c.getInputStream()) {
            byte[] b = new byte[8192];
            int r;
            while ((r = in.read(b)) >= 0) {
                n += r;
                if (n > maxBytes) {
                    throw new java.io.IOException("more than " + maxBytes + " bytes");
                }
                sink.write(b, 0, r);
            }
        }
        return new Fetched(status, n);
    }

    static ComponentServiceObjects<FleetClient> objects(FleetStub stub) {
        return new ComponentServiceObjects<>() {
            @Override
            public FleetClient getService() {
                stub.gets++;
                return stub;
            }

            @Override
            public void ungetService(FleetClient service) {
            }

            @Override
            public ServiceReference<FleetClient> getServiceReference() {
                return null;
            }
        };
    }
}
