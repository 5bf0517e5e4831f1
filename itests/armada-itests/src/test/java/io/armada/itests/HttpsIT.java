package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTPS as an operator sets it up (README, Security): a server that serves only HTTPS with a keystore made by
 * keytool, and a node that reports to its {@code https://} address trusting the server's certificate from a PEM file.
 */
public class HttpsIT {
    private static final String TOKEN = "https-it-fleet-token-0123456789abcdef0123";
    private static final String PASSWORD = "https-it-keystore-pass";
    private static Instance server;
    private static Instance node;
    private static int httpsPort;
    private static int nodeHttpsPort;
    private static Path ca;
    private static HttpClient trusting;

    @BeforeClass
    public static void startBoth() throws Exception {
        Path work = Path.of(System.getProperty("armada.itest.work", "target/it"));
        server = Instance.unpack(work, "https-server");
        httpsPort = Instance.freePort();
        Path keystore = server.home.resolve("etc/armada-tls.p12");
        ca = server.home.resolve("etc/armada-tls.pem");
        // the commands of README's Security section
        keytool("-genkeypair", "-alias", "armada", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=armada-https-it", "-ext", "SAN=" + subjectAltNames(), "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "armada", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", ca.toString());
        // the server calls its nodes over https too, trusting the same certificate (one fleet key here)
        server.env("ARMADA_TOKEN", TOKEN).env("ARMADA_HTTPS_PORT", Integer.toString(httpsPort))
                .env("ARMADA_TLS_PASSWORD", PASSWORD).env("ARMADA_HTTP_ENABLED", "false")
                .env("ARMADA_NODE_SCHEME", "https").env("ARMADA_TLS_CA", ca.toString());
        trusting = HttpClient.newBuilder().sslContext(trusting(ca)).connectTimeout(Duration.ofSeconds(5)).build();
        server.start(() -> get(trusting, "/health", null).statusCode() == 200);

        node = Instance.unpack(work, "https-node").env("ARMADA_ROLE", "node").env("ARMADA_TOKEN", TOKEN)
                .env("ARMADA_SERVER_URL", "https://127.0.0.1:" + httpsPort).env("ARMADA_TLS_CA", ca.toString());
        nodeHttpsPort = Instance.freePort();
        java.nio.file.Files.copy(keystore, node.home.resolve("etc/armada-tls.p12"));
        node.env("ARMADA_HTTPS_PORT", Integer.toString(nodeHttpsPort)).env("ARMADA_TLS_PASSWORD", PASSWORD)
                .env("ARMADA_HTTP_ENABLED", "false");
        node.start(() -> get(trusting, nodeHttpsPort, "/health", null).statusCode() == 200);
    }

    @AfterClass
    public static void stopBoth() throws Exception {
        for (Instance i : new Instance[] {node, server}) {
            if (i != null && i.running()) {
                try {
                    i.stop();
                } catch (Exception | AssertionError e) {
                    i.kill9();
                }
            }
        }
    }

    /**
     * Loopback and every address of this machine: a node reports its primary address (not loopback), and the server
     * calls it there, checking the address against the certificate as it would on a real network.
     */
    private static String subjectAltNames() throws Exception {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of("ip:127.0.0.1", "dns:localhost"));
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                String literal = a.getHostAddress();
                int zone = literal.indexOf('%');
                names.add("ip:" + (zone >= 0 ? literal.substring(0, zone) : literal));
            }
        }
        return String.join(",", names);
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Instance.Result r = Instance.run(Path.of("."), cmd, java.util.Map.of(), Duration.ofSeconds(60));
        assertEquals("keytool " + args[0] + ": " + r.output(), 0, r.exit());
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static HttpResponse<String> get(HttpClient client, String path, String token) {
        return get(client, httpsPort, path, token);
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path, String token) {
        return send(client, port, "GET", path, null, token);
    }

    private static HttpResponse<String> send(HttpClient client, int port, String method, String path, String body,
            String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                b.header("X-Armada-Token", token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    public void theServerServesHttpsOnlyWithItsCertificate() throws Exception {
        assertEquals(200, get(trusting, "/health", null).statusCode());
        assertEquals(401, get(trusting, "/openapi.json", null).statusCode());
        assertEquals(200, get(trusting, "/openapi.json", TOKEN).statusCode());
        assertTrue(server.listeningPorts().contains(httpsPort));
        assertFalse("plain HTTP switched off", server.listeningPorts().contains(server.httpPort));
        HttpClient defaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            get(defaults, "/health", null);
            throw new AssertionError("a client that does not trust the certificate got an answer");
        } catch (java.io.UncheckedIOException expected) {
            assertTrue(expected.getCause().toString(), expected.getCause() instanceof SSLException);
        }
    }

    @Test
    public void theNodeReportsToTheHttpsServerTrustingItsCertificate() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode agents = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(trusting, "/v1.0/agents", TOKEN);
            assertEquals(r.body(), 200, r.statusCode());
            agents = json.readTree(r.body()).get("data");
            if (agents != null && agents.size() > 0) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue("the node's report over https created its agent: " + agents, agents != null && agents.size() > 0);
    }

    @Test
    public void theServerCallsTheHttpsNodeAtItsReportedHttpsPort() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertFalse("the node's plain HTTP is off", node.listeningPorts().contains(node.httpPort));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode agents = null;
        while (System.nanoTime() < deadline) {
            agents = json.readTree(get(trusting, "/v1.0/agents", TOKEN).body()).get("data");
            if (agents != null && agents.size() > 0) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue("the node reported: " + agents, agents != null && agents.size() > 0);
        long id = agents.get(0).get("agent_id").asLong();
        long t = System.currentTimeMillis() / 1000;
        HttpResponse<String> started = send(trusting, httpsPort, "GET", "/v1.0/agents/" + id + "/status",
                "{\"request_time\":" + t + ",\"finishtime\":" + (t + 10) + ",\"deadline\":" + (t + 20) + "}", TOKEN);
        assertEquals(started.body(), 200, started.statusCode());
        String requestId = json.readTree(started.body()).get("data").get(0).get("request_id").asText();
        JsonNode done = null;
        while (System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(30)) {
            done = json.readTree(send(trusting, httpsPort, "GET", "/v1.0/asyncrequests/" + requestId,
                    "{\"agents\":true,\"details\":true}", TOKEN).body()).get("data").get(0);
            if (done.get("status").asInt() == 1) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals("finished: " + done, 1, done.get("status").asInt());
        assertEquals("the node answered over https: " + done, 0, done.get("resultcode").asInt());
    }
}
