package io.armada.core.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.FleetClient;
import io.armada.core.Json;
import io.armada.core.TokenService;

/** The JDK's non-blocking HTTP client with a bounded executor and the fleet token. */
@Component(service = FleetClient.class, configurationPid = "io.armada.fleetclient")
@Designate(ocd = FleetClientConfiguration.class)
public class FleetClientImpl implements FleetClient {
    private static final ObjectMapper JSON = Json.newMapper();

    private final TokenService tokens;
    private final ExecutorService executor;
    private final HttpClient client;

    @Activate
    public FleetClientImpl(@Reference TokenService tokens, FleetClientConfiguration config) {
        this.tokens = tokens;
        int threads = config.threads() > 0 ? config.threads()
                : Math.min(4, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "armada-fleet-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), tf);
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.max(100, config.connect_timeout_ms())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Override
    public CompletableFuture<Answer> send(String method, String url, Object body, Duration timeout) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        b.header("X-Armada-Token", tokens.token()).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Answer(r.statusCode(), r.body()));
    }
}
