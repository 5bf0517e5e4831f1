package io.armada.httpguard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class StartingHealthTest {
    private final java.util.concurrent.atomic.AtomicReference<java.util.function.Supplier<?>> core =
            new java.util.concurrent.atomic.AtomicReference<>();
    private Server server;
    private int port;

    @Before
    public void start() throws Exception {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new StartingHealth(core::get, "node\"x"));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new DefaultHandler());
        server.start();
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    private record Answer(int status, String type, String body) {
    }

    private Answer call(String method, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setRequestMethod(method);
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(status, c.getContentType(), body);
    }

    @Test
    public void healthIsJsonStartingUntilCoreServesIt() throws Exception {
        Answer a = call("GET", "/health");
        assertEquals(503, a.status());
        assertEquals("application/json", a.type());
        assertEquals("{\"status\":\"STARTING\",\"role\":\"nodex\"}", a.body());

        core.set(() -> new Object[] {200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8)});
        Answer up = call("GET", "/health");
        assertEquals(200, up.status());
        assertEquals("application/json", up.type());
        assertEquals("{\"status\":\"UP\"}", up.body());

        core.set(() -> {
            throw new IllegalStateException("core stopping");
        });
        assertEquals(503, call("GET", "/health").status());
    }

    @Test
    public void otherRequestsPassThrough() throws Exception {
        assertEquals(404, call("GET", "/openapi.json").status());
        assertEquals(404, call("GET", "/health/x").status());
        assertTrue(call("POST", "/health").status() != 503);
    }
}
