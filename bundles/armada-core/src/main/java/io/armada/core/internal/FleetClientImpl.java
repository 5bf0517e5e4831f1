package io.armada.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
import io.armada.core.Threads;

/**
 * HTTP between fleet members, with the fleet token, on one of two transports of the JDK:
 * <ul>
 * <li>{@code async}, the server's: {@link HttpClient}, non-blocking, on a bounded executor (by default the common
 * pool); thousands of calls in flight (a fan-out to every node) need no thread each.</li>
 * <li>{@code blocking}, a node's: {@link HttpURLConnection} on one thread that exists only while calls wait. A node
 * sends two small reports every 20 s; the JDK's HttpClient and the TLS context it builds up front cost a node
 * about 1,300 classes and 7 MiB of resident memory for that (bench/monitor.sh), HTTPS classes load here only when
 * an https URL is used.</li>
 * </ul>
 * {@code auto} (the default) picks {@code blocking} in the node role and {@code async} otherwise.
 */
@Component(service = FleetClient.class, configurationPid = "io.armada.fleetclient")
@Designate(ocd = FleetClientConfiguration.class)
public class FleetClientImpl implements FleetClient {
    private static final ObjectMapper JSON = Json.newMapper();

    private final TokenService tokens;
    private final Transport transport;

    /** Sends one prepared request. */
    interface Transport {
        CompletableFuture<Answer> send(String method, URI uri, byte[] json, String token, Duration timeout);

        void close();
    }

    @Activate
    public FleetClientImpl(@Reference TokenService tokens, FleetClientConfiguration config) {
        this.tokens = tokens;
        int connectMillis = Math.max(100, config.connect_timeout_ms());
        String kind = config.transport() == null ? "auto" : config.transport().trim();
        if (kind.equals("auto")) {
            kind = "node".equals(System.getProperty("armada.role")) ? "blocking" : "async";
        }
        this.transport = kind.equals("blocking") ? new Blocking(connectMillis) : new Async(config.threads(), connectMillis);
    }

    @Deactivate
    void deactivate() {
        transport.close();
    }

    @Override
    public CompletableFuture<Answer> send(String method, String url, Object body, Duration timeout) {
        URI uri;
        byte[] json;
        try {
            uri = URI.create(url);
            json = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        return transport.send(method, uri, json, tokens.token(), timeout);
    }

    /** The JDK's non-blocking client. */
    static final class Async implements Transport {
        /** Our own pool when the configuration asks for one; null when the client runs on the common pool. */
        private final ExecutorService ownPool;
        private final HttpClient client;

        Async(int threads, int connectMillis) {
            Executor executor;
            if (threads > 0) {
                ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), Threads.daemon("armada-fleet-http"));
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
                    .connectTimeout(Duration.ofMillis(connectMillis))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }

        @Override
        public CompletableFuture<Answer> send(String method, URI uri, byte[] json, String token, Duration timeout) {
            HttpRequest.Builder b;
            try {
                b = HttpRequest.newBuilder(uri).timeout(timeout);
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
            b.header("X-Armada-Token", token).header("Accept", "application/json");
            if (json == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json));
            }
            return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(r -> new Answer(r.statusCode(), r.body()));
        }

        @Override
        public void close() {
            if (ownPool != null) {
                ownPool.shutdownNow();
            }
        }
    }

    /** {@link HttpURLConnection}, one call at a time, on a thread that ends 10 s after the last call. */
    static final class Blocking implements Transport {
        private final int connectMillis;
        private final ThreadPoolExecutor thread = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.daemon("armada-fleet-call"));

        Blocking(int connectMillis) {
            this.connectMillis = connectMillis;
        }

        @Override
        public CompletableFuture<Answer> send(String method, URI uri, byte[] json, String token, Duration timeout) {
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("not an http(s) URL: " + uri));
            }
            try {
                return CompletableFuture.supplyAsync(() -> call(method, uri, json, token, timeout), thread);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private Answer call(String method, URI uri, byte[] json, String token, Duration timeout) {
            HttpURLConnection c = null;
            try {
                c = (HttpURLConnection) uri.toURL().openConnection();
                int total = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
                c.setConnectTimeout(Math.min(connectMillis, total));
                c.setReadTimeout(total);
                c.setInstanceFollowRedirects(false);
                c.setUseCaches(false);
                c.setRequestMethod(method);
                c.setRequestProperty("X-Armada-Token", token);
                c.setRequestProperty("Accept", "application/json");
                if (json != null) {
                    c.setDoOutput(true);
                    c.setRequestProperty("Content-Type", "application/json");
                    c.setFixedLengthStreamingMode(json.length);
                    try (OutputStream out = c.getOutputStream()) {
                        out.write(json);
                    }
                }
                int status = c.getResponseCode();
                // read the body whole, so the connection goes back to the JDK's keep-alive cache
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                byte[] body = new byte[0];
                if (in != null) {
                    try (InputStream is = in) {
                        body = is.readAllBytes();
                    }
                }
                return new Answer(status, body);
            } catch (IOException e) {
                if (c != null) {
                    c.disconnect();
                }
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
