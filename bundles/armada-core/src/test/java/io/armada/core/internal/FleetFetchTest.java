package io.armada.core.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

import io.armada.core.FleetClient.Fetched;

/** A streamed GET: the body into the sink, the token only when asked, the byte limit, no body of another status. */
public class FleetFetchTest {
    private HttpServer server;
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final byte[] body = new byte[300_000];

    @Before
    public void start() throws Exception {
        new java.util.Random(7).nextBytes(body);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            tokens.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Armada-Token")));
            if (ex.getRequestURI().getPath().equals("/moved")) {
                ex.getResponseHeaders().add("Location", "/file");
                ex.sendResponseHeaders(302, -1);
            } else if (ex.getRequestURI().getPath().equals("/chunked")) {
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write(body);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
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

    @Test
    public void streamsTheBodyAndSendsTheTokenOnlyWhenAsked() throws IOException {
        FleetFetch f = new FleetFetch(2000, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fetched r = f.fetch(uri("/file"), "tok", Duration.ofSeconds(10), body.length, out);
        assertEquals(200, r.status());
        assertEquals(body.length, r.bytes());
        assertArrayEquals(body, out.toByteArray());
        out.reset();
        f.fetch(uri("/file"), null, Duration.ofSeconds(10), body.length, out);
        assertArrayEquals(body, out.toByteArray());
        assertEquals(List.of("tok", "null"), tokens);
    }

    @Test
    public void moreThanTheLimitFailsAnnouncedOrNot() {
        FleetFetch f = new FleetFetch(2000, null);
        for (String path : new String[] {"/file", "/chunked"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                f.fetch(uri(path), null, Duration.ofSeconds(10), body.length - 1, out);
                fail(path + ": more than the limit was accepted");
            } catch (IOException expected) {
                assertEquals(path, true, out.size() < body.length);
            }
        }
    }

    @Test
    public void aRedirectIsNotFollowedAndWritesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fetched r = new FleetFetch(2000, null).fetch(uri("/moved"), "tok", Duration.ofSeconds(10), body.length, out);
        assertEquals(302, r.status());
        assertEquals(0, out.size());
        assertEquals(1, tokens.size());
    }

    @Test
    public void onlyHttpAndHttps() {
        try {
            new FleetFetch(2000, null).fetch(URI.create("file:///etc/passwd"), null, Duration.ofSeconds(1), 10,
                    new ByteArrayOutputStream());
            fail("file: was fetched");
        } catch (IOException expected) {
            assertNull(null);
        }
    }
}
