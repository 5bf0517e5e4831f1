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
