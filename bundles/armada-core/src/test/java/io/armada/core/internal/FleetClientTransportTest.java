package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

import io.armada.core.FleetClient.Answer;

/** Both transports against a local server: method, token, JSON body, status and answer body; failures as futures. */
public class FleetClientTransportTest {
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Before
    public void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " token="
                    + ex.getRequestHeaders().getFirst("X-Armada-Token") + " type="
                    + ex.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            int status = ex.getRequestURI().getPath().equals("/missing") ? 404 : 200;
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void exchange(FleetClientImpl.Transport t) throws Exception {
        try {
            byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            Answer a = t.send("POST", uri("/v1.0/reports"), json, "tok", Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS);
            assertEquals(200, a.status());
            assertEquals("{\"ok\":true}", new String(a.body(), StandardCharsets.UTF_8));
            assertEquals("POST /v1.0/reports token=tok type=application/json body={\"a\":1}", seen.get(seen.size() - 1));

            Answer missing = t.send("GET", uri("/missing"), null, "tok", Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS);
            assertEquals(404, missing.status());
            assertEquals("{\"ok\":true}", new String(missing.body(), StandardCharsets.UTF_8));

            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            try {
                t.send("GET", URI.create("http://127.0.0.1:" + closed + "/"), null, "tok", Duration.ofSeconds(5))
                        .get(30, TimeUnit.SECONDS);
                fail("a closed port answered");
            } catch (ExecutionException expected) {
                assertTrue(expected.getCause() != null);
            }
        } finally {
            t.close();
        }
    }

    @Test
    public void theBlockingTransportSendsTheCallAndGivesTheAnswer() throws Exception {
        exchange(new FleetClientImpl.Blocking(2000, null));
    }

    @Test
    public void theAsyncTransportSendsTheCallAndGivesTheAnswer() throws Exception {
        try (io.armada.core.SharedTimer limits = new io.armada.core.SharedTimer("test-fleet-timer")) {
            exchange(new FleetClientImpl.Async(0, 2000, null, limits));
        }
    }
}
