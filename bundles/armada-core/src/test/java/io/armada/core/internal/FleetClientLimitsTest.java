package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.armada.core.FleetClient.Answer;

/**
 * What a slow, oversized or untrusted peer can do to a fleet call (SPEC §4, review H2 and M3): answers over 1 MiB
 * fail, a body that trickles in fails at the call's deadline, https trusts exactly the configured certificates.
 */
public class FleetClientLimitsTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static Path serverKeys;
    private static Path serverCert;
    private static Path otherCert;

    private HttpServer server;

    @BeforeClass
    public static void makeCertificates() throws Exception {
        Path dir = TMP.getRoot().toPath();
        serverKeys = dir.resolve("server.p12");
        serverCert = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=fleet-test",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", serverKeys.toString(),
                "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", serverKeys.toString(), "-storepass", "changeit",
                "-file", serverCert.toString());
        Path otherKeys = dir.resolve("other.p12");
        otherCert = dir.resolve("other.pem");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=other",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", otherKeys.toString(),
                "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", otherKeys.toString(), "-storepass", "changeit",
                "-file", otherCert.toString());
    }

    private static void keytool(String... args) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(keytool);
        pb.command().addAll(List.of(args));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("keytool did not finish", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("keytool " + args[0] + ": " + out, 0, p.exitValue());
    }

    @After
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A plain server whose "/big" answers {@code big} bytes (chunked when {@code chunked}) and "/drip" trickles. */
    private URI plain(int big, boolean chunked) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        serve(big, chunked);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(int big, boolean chunked) {
        server.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, chunked ? 0 : big);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] k = new byte[1024];
                for (int i = 0; i < big / 1024; i++) {
                    out.write(k);
                }
            } catch (IOException clientWentAway) {
                // expected when the client stops reading
            }
        });
        server.createContext("/drip", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) { // at most 20 s: the call's 1 s deadline ends it long before
                    out.write(' ');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // expected: the client gave up
            }
        });
        server.createContext("/ok", ex -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
    }

    private static Throwable failure(FleetClientImpl.Transport t, URI uri, Duration timeout) throws Exception {
        try {
            Answer a = t.send("GET", uri, null, "tok", timeout).get(60, TimeUnit.SECONDS);
            fail("expected a failure, got HTTP " + a.status() + " with " + a.body().length + " bytes");
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Core's shared timer, which ends the async calls that run past their time on the server. */
    private static final io.armada.core.SharedTimer TIMER = new io.armada.core.SharedTimer("test-fleet-timer");

    private static List<FleetClientImpl.Transport> transports(Path ca) {
        return List.of(new FleetClientImpl.Blocking(2000, ca), new FleetClientImpl.Async(0, 2000, ca, TIMER));
    }

    @Test
    public void anAnswerOverOneMebibyteFailsOnBothTransports() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            URI base = plain(2 * FleetClientImpl.MAX_ANSWER_BYTES, chunked);
            for (FleetClientImpl.Transport t : transports(null)) {
                try {
                    Throwable e = failure(t, base.resolve("/big"), Duration.ofSeconds(20));
                    assertTrue(t.getClass().getSimpleName() + " chunked=" + chunked + ": " + e,
                            e instanceof FleetClientImpl.AnswerTooLarge);
                } finally {
                    t.close();
                }
            }
            stop();
        }
    }

    @Test
    public void anAnswerOfExactlyOneMebibyteIsTaken() throws Exception {
        URI base = plain(FleetClientImpl.MAX_ANSWER_BYTES, true);
        for (FleetClientImpl.Transport t : transports(null)) {
            try {
                Answer a = t.send("GET", base.resolve("/big"), null, "tok", Duration.ofSeconds(20)).get(60, TimeUnit.SECONDS);
                assertEquals(FleetClientImpl.MAX_ANSWER_BYTES, a.body().length);
            } finally {
                t.close();
            }
        }
    }

    @Test
    public void aBodyThatTricklesInFailsAtTheDeadlineOnBothTransports() throws Exception {
        URI base = plain(0, false);
        int timedOut = 0;
        for (FleetClientImpl.Transport t : transports(null)) {
            try {
                Throwable e = failure(t, base.resolve("/drip"), Duration.ofSeconds(1));
                assertTrue(t.getClass().getSimpleName() + ": " + e,
                        e instanceof TimeoutException || e instanceof java.net.SocketTimeoutException
                                || e.getCause() instanceof java.net.SocketTimeoutException);
                timedOut++;
            } finally {
                t.close();
            }
        }
        assertEquals("both transports timed out (the async one on the shared timer)", 2, timedOut);
    }

    private URI https() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(serverKeys)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        s.setHttpsConfigurator(new HttpsConfigurator(context));
        server = s;
        serve(0, false);
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    public void httpsTrustsTheConfiguredCertificatesOnly() throws Exception {
        URI base = https();
        for (FleetClientImpl.Transport t : transports(serverCert)) {
            try {
                Answer a = t.send("GET", base.resolve("/ok"), null, "tok", Duration.ofSeconds(20)).get(60, TimeUnit.SECONDS);
                assertEquals(200, a.status());
                assertEquals("{\"ok\":true}", new String(a.body(), StandardCharsets.UTF_8));
            } finally {
                t.close();
            }
        }
        for (Path untrusted : new Path[] {otherCert, null}) {
            for (FleetClientImpl.Transport t : transports(untrusted)) {
                try {
                    Throwable e = failure(t, base.resolve("/ok"), Duration.ofSeconds(20));
                    assertTrue(t.getClass().getSimpleName() + " trusting " + untrusted + ": " + e,
                            e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException);
                } finally {
                    t.close();
                }
            }
        }
    }

    @Test
    public void anUnreadableTrustFileFailsHttpsCallsButNotTheClient() throws Exception {
        Path missing = TMP.getRoot().toPath().resolve("missing.pem");
        URI base = plain(0, false);
        for (FleetClientImpl.Transport t : transports(missing)) {
            try {
                Answer a = t.send("GET", base.resolve("/ok"), null, "tok", Duration.ofSeconds(20)).get(60, TimeUnit.SECONDS);
                assertEquals(200, a.status());
                Throwable e = failure(t, URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/ok"),
                        Duration.ofSeconds(20));
                assertTrue(t.getClass().getSimpleName() + ": " + e, e.getMessage() != null);
            } finally {
                t.close();
            }
        }
    }

    @Test
    public void cleartextIsOffMachineUnlessTheHostIsLoopbackOrTheCallIsHttps() {
        assertTrue(FleetTls.cleartextOffMachine(URI.create("http://10.1.2.3:50002/api")));
        assertTrue(FleetTls.cleartextOffMachine(URI.create("http://server.example:8181/v1.0/reports")));
        assertTrue(FleetTls.cleartextOffMachine(URI.create("http://[2001:db8::1]:8181/")));
        assertFalse(FleetTls.cleartextOffMachine(URI.create("http://127.0.0.1:8181/")));
        assertFalse(FleetTls.cleartextOffMachine(URI.create("http://127.3.4.5:8181/")));
        assertFalse(FleetTls.cleartextOffMachine(URI.create("http://localhost:8181/")));
        assertFalse(FleetTls.cleartextOffMachine(URI.create("http://[::1]:8181/")));
        assertFalse(FleetTls.cleartextOffMachine(URI.create("https://10.1.2.3:8443/")));
    }
}
