package io.armada.core.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
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

/** The JDK's non-blocking HTTP client on a bounded executor (by default the common pool), with the fleet token. */
@Component(service = FleetClient.class, configurationPid = "io.armada.fleetclient")
@Designate(ocd = FleetClientConfiguration.class)
public class FleetClientImpl implements FleetClient {
    private static final ObjectMapper JSON = Json.newMapper();

    private final TokenService tokens;
    /** Our own pool when the configuration asks for one; null when the client runs on the common pool. */
    private final ExecutorService ownPool;
    private final HttpClient client;

    @Activate
    public FleetClientImpl(@Reference TokenService tokens, FleetClientConfiguration config) {
        this.tokens = tokens;
        Executor executor;
        if (config.threads() > 0) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "armada-fleet-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            ThreadPoolExecutor pool = new ThreadPoolExecutor(config.threads(), config.threads(), 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), tf);
            pool.allowCoreThreadTimeOut(true);
            ownPool = pool;
            executor = pool;
        } else {
            // The JDK client hands every sendAsync answer to the common pool anyway (its dependent stages must not
            // run on the client's executor); running the client's own tasks there too spares a second pool: a
            // fan-out to 1,000 nodes then runs on the common pool's workers and the client's selector thread.
            ownPool = null;
            executor = ForkJoinPool.commonPool();
        }
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.max(100, config.connect_timeout_ms())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Deactivate
    void deactivate() {
        if (ownPool != null) {
            ownPool.shutdownNow();
        }
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
