package io.armada.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.FleetClient;
import io.armada.core.Json;
import io.armada.core.TokenService;
import io.armada.core.Threads;
import io.armada.core.Timers;

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
 *
 * <p>Both cap an answer at {@link #MAX_ANSWER_BYTES} and end the whole exchange, body included, at the call's
 * timeout, so a slow or hostile peer holds a slot for a bounded time (SPEC §4). Over https they trust the configured
 * PEM certificates ({@link FleetTls}); plain HTTP to another machine is logged once as a warning.
 */
@Component(service = FleetClient.class, configurationPid = "io.armada.fleetclient")
@Designate(ocd = FleetClientConfiguration.class)
public class FleetClientImpl implements FleetClient {
    private static final Logger LOG = LoggerFactory.getLogger(FleetClientImpl.class);
    private static final ObjectMapper JSON = Json.newMapper();
    /** The largest answer body a fleet call takes (SPEC §4): a node's answers are a few KiB. */
    static final int MAX_ANSWER_BYTES = 1 << 20;

    private final AtomicBoolean cleartextWarned = new AtomicBoolean();

    private final TokenService tokens;
    private final Transport transport;
    private final FleetFetch fetcher;

    /** Sends one prepared request. */
    interface Transport {
        CompletableFuture<Answer> send(String method, URI uri, byte[] json, String token, Duration timeout);

        void close();
    }

    @Activate
    public FleetClientImpl(@Reference TokenService tokens, FleetClientConfiguration config,
            @Reference TimerThread timer) {
        this.tokens = tokens;
        int connectMillis = Math.max(100, config.connect_timeout_ms());
        String kind = config.transport() == null ? "auto" : config.transport().trim();
        if (kind.equals("auto")) {
            kind = "node".equals(System.getProperty("armada.role")) ? "blocking" : "async";
        }
        Path ca = FleetTls.caFile(config.trust_ca());
        this.transport = kind.equals("blocking") ? new Blocking(connectMillis, ca) : new Async(config.threads(), connectMillis, ca,
                timer.timer);
        this.fetcher = new FleetFetch(connectMillis, ca);
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
        if (FleetTls.cleartextOffMachine(uri) && cleartextWarned.compareAndSet(false, true)) {
            LOG.warn("The fleet token goes over plain HTTP to {}, where anyone on the path can read it: serve HTTPS and "
                    + "use https:// addresses (README, Security). Said once.", uri.getHost());
        }
        return transport.send(method, uri, json, tokens.token(), timeout);
    }

    @Override
    public Fetched fetch(String url, boolean withToken, Duration timeout, long maxBytes, OutputStream sink)
            throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + e.getMessage(), e);
        }
        if (withToken && FleetTls.cleartextOffMachine(uri) && cleartextWarned.compareAndSet(false, true)) {
            LOG.warn("The fleet token goes over plain HTTP to {}, where anyone on the path can read it: serve HTTPS and "
                    + "use https:// addresses (README, Security). Said once.", uri.getHost());
        }
        return fetcher.fetch(uri, withToken ? tokens.token() : null, timeout, maxBytes, sink);
    }

    /** An answer body larger than {@link #MAX_ANSWER_BYTES}: the call fails, and no more of it is read. */
    static final class AnswerTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTooLarge(URI uri) {
            super("the answer of " + uri + " is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
    }

    /** A body subscriber that keeps at most {@link #MAX_ANSWER_BYTES} and fails (and cancels) past that. */
    static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final URI uri;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Capped(URI uri, long announced) {
            this.uri = uri;
            if (announced > MAX_ANSWER_BYTES) {
                result.completeExceptionally(new AnswerTooLarge(uri));
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if (out.size() + (long) n > MAX_ANSWER_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new AnswerTooLarge(uri));
                    return;
                }
                byte[] chunk = new byte[n];
                b.get(chunk);
                out.write(chunk, 0, n);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }

    /** The JDK's non-blocking client. */
    static final class Async implements Transport {
        /** Our own pool when the configuration asks for one; null when the client runs on the common pool. */
        private final ExecutorService ownPool;
        private final HttpClient client;

        /** Why https calls fail when the configured trust could not be read; null when it could (or none is set). */
        private final Exception trustFailure;
        /** Ends the calls that run past their time: core's shared timer (not orTimeout's JDK delayer thread). */
        private final Timers limits;

        Async(int threads, int connectMillis, Path ca, Timers limits) {
            this.limits = java.util.Objects.requireNonNull(limits, "limits");
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
            HttpClient.Builder builder = HttpClient.newBuilder();
            Exception failure = null;
            if (ca != null) {
                try {
                    builder.sslContext(FleetTls.trusting(ca));
                } catch (IOException | GeneralSecurityException e) {
                    // the server keeps serving and its plain-HTTP calls keep working; https calls fail with this
                    LOG.error("Could not read the trusted certificates {}: https fleet calls will fail", ca, e);
                    failure = e;
                }
            }
            this.trustFailure = failure;
            this.client = builder
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
            if (trustFailure != null && "https".equalsIgnoreCase(uri.getScheme())) {
                return CompletableFuture.failedFuture(trustFailure);
            }
            CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(b.build(),
                    info -> new Capped(uri, info.headers().firstValueAsLong("Content-Length").orElse(-1)));
            // The request's timeout ends at the answer's headers; the whole exchange, body included, ends here.
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            exchange.whenComplete((r, e) -> {
                if (e != null) {
                    answer.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                } else {
                    answer.complete(new Answer(r.statusCode(), r.body()));
                }
            });
            // as orTimeout, on the shared timer thread rather than the JDK's delayer thread of its own
            Timers.Scheduled limit = limits.once("a fleet call's time limit", () -> {
                if (answer.completeExceptionally(new TimeoutException())) {
                    exchange.cancel(true);
                }
            }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            answer.whenComplete((r, e) -> limit.cancel());
            return answer;
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
        private final Path ca;
        /** Built on the first https call: a node that reports over plain HTTP loads no TLS classes. */
        private SSLSocketFactory sockets;
        private final ThreadPoolExecutor thread = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.daemon("armada-fleet-call"));

        Blocking(int connectMillis, Path ca) {
            this.connectMillis = connectMillis;
            this.ca = ca;
        }

        /** Runs on the one call thread only. */
        private SSLSocketFactory sockets() throws IOException {
            if (sockets == null) {
                try {
                    sockets = FleetTls.trusting(ca).getSocketFactory();
                } catch (GeneralSecurityException e) {
                    throw new IOException("could not read the trusted certificates " + ca + ": " + e.getMessage(), e);
                }
            }
            return sockets;
        }

        @Override
        public CompletableFuture<Answer> send(String method, URI uri, byte[] json, String token, Duration timeout) {
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("not an http(s) URL: " + uri));
            }
            try {
                CompletableFuture<Answer> answer = new CompletableFuture<>();
                thread.execute(() -> {
                    try {
                        answer.complete(call(method, uri, json, token, timeout));
                    } catch (IOException | RuntimeException e) {
                        answer.completeExceptionally(e);
                    }
                });
                return answer;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private Answer call(String method, URI uri, byte[] json, String token, Duration timeout) throws IOException {
            HttpURLConnection c = null;
            try {
                long deadline = System.nanoTime() + Math.max(1, timeout.toMillis()) * 1_000_000L;
                c = (HttpURLConnection) uri.toURL().openConnection();
                if (ca != null && c instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(sockets());
                }
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
                        body = readCapped(is, uri, deadline);
                    }
                }
                return new Answer(status, body);
            } catch (IOException e) {
                if (c != null) {
                    c.disconnect();
                }
                throw e;
            }
        }

        /**
         * The body whole, up to {@link #MAX_ANSWER_BYTES}, by the deadline: each read waits at most the read timeout,
         * and a peer that sends a byte now and then is cut off at the deadline, not after the last byte.
         */
        static byte[] readCapped(InputStream in, URI uri, long deadline) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + (long) n > MAX_ANSWER_BYTES) {
                    throw new AnswerTooLarge(uri);
                }
                out.write(buffer, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    throw new java.net.SocketTimeoutException("no whole answer from " + uri + " by the deadline");
                }
            }
            return out.toByteArray();
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
