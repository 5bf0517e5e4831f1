package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** Reports to a small HTTP server stub on a free loopback port: both bodies, target rules, pause, a server that is down. */
public class ReportingTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String[]> received = new CopyOnWriteArrayList<>(); // path, token, body
    private final MonitorThread thread = new MonitorThread();
    private MonitorNode monitor;
    private ReportingImpl node;

    @After
    public void stop() {
        stopReporting();
        thread.stop();
        for (HttpServer s : servers) {
            s.stop(0);
        }
    }

    private HttpServer server(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        s.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new String[] {exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("X-Armada-Token"), new String(in.readAllBytes())});
            }
            byte[] ok = "{\"resultcode\":0}".getBytes();
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        s.start();
        servers.add(s);
        return s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The monitor and its reporting on one monitor thread, as DS wires them. */
    private ReportingImpl node(String serverUrl, FleetStub fleet) throws IOException {
        return node(serverUrl, fleet, "");
    }

    private ReportingImpl node(String serverUrl, FleetStub fleet, String reportIp) throws IOException {
        MonitorConfiguration config = TestSupport.config(Map.of("report_interval_seconds", 1, "report_timeout_seconds", 2,
                "ports_range", new String[] {"30000-40000", "41000-42000"}, "report_ip", reportIp));
        monitor = new MonitorNode(config, thread, () -> false);
        return new ReportingImpl(config, monitor, thread, FleetStub.objects(fleet), tmp.getRoot().toPath(), serverUrl,
                50002);
    }

    private void stopReporting() {
        if (node != null) {
            node.deactivate();
            node = null;
        }
        if (monitor != null) {
            monitor.deactivate();
            monitor = null;
        }
    }

    private JsonNode body(String type) throws IOException {
        for (String[] r : received) {
            JsonNode n = JSON.readTree(r[2]);
            if (type.equals(n.path("type").asText())) {
                return n;
            }
        }
        return null;
    }

    private boolean has(String type) {
        try {
            return body(type) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    public void reportsTheConfiguredAddressInsteadOfTheFirstCardsAndRefusesAName() throws IOException {
        HttpServer s = server(0);
        node = node("http://127.0.0.1:" + s.getAddress().getPort() + "/", new FleetStub(), " 127.0.0.3 ");
        MonitorNodeTest.await("both reports", () -> has("resource") && has("service"));
        assertEquals("127.0.0.3", body("resource").get("ip").asText());
        assertEquals("127.0.0.3", body("service").get("ip").asText());
        assertEquals("::1", ReportingImpl.validIp("::1"));
        assertNull(ReportingImpl.validIp(" "));
        for (String bad : new String[] {"node.example.com", "10.0.0.1; rm", "999.1.1.1"}) {
            try {
                ReportingImpl.validIp(bad);
                org.junit.Assert.fail(bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("report.ip"));
            }
        }
    }

    @Test
    public void postsBothBodiesToTheServerUrl() throws IOException {
        HttpServer s = server(0);
        node = node("http://127.0.0.1:" + s.getAddress().getPort() + "/", new FleetStub());
        MonitorNodeTest.await("both reports", () -> has("resource") && has("service"));
        assertEquals("/v1.0/reports", received.get(0)[0]);
        assertEquals("test-token", received.get(0)[1]);
        JsonNode r = body("resource");
        String uuid = node.state().nodeUuid();
        assertEquals(uuid, r.get("node_uuid").asText());
        assertEquals(SlowFigures.hostname(), r.get("hostname").asText());
        assertTrue(r.get("ip").isTextual());
        assertTrue(r.get("utc").isIntegralNumber());
        assertEquals(50002, r.get("port").asInt());
        assertEquals("[\"30000-40000\",\"41000-42000\"]", r.get("ports_range").toString());
        JsonNode data = r.get("data");
        for (String k : new String[] {"cpu", "memory", "disk", "diskio", "networkio"}) {
            assertNotNull(k, data.get(k));
            assertNull(k + " carries no utc in a report", data.get(k).get("utc"));
        }
        assertTrue(data.get("cpu").get("numbers").asInt() > 0);
        assertTrue(data.get("disk").has("/"));
        JsonNode svc = body("service");
        assertEquals(uuid, svc.get("node_uuid").asText());
        assertEquals(50002, svc.get("port").asInt());
        assertNull(svc.get("ports_range"));
        assertEquals("not found", svc.get("data").get("libvirtd").asText());
        assertNull(svc.get("data").get("utc"));
        MonitorNodeTest.await("counted", () -> node.state().sent() >= 2);
    }

    @Test
    public void timerHandlerAddressWinsAndPauseStopsReportsAcrossRestarts() throws IOException {
        HttpServer a = server(0);
        HttpServer b = server(0);
        node = node("http://127.0.0.1:" + a.getAddress().getPort(), new FleetStub());
        String addr = "http://127.0.0.1:" + b.getAddress().getPort() + "/api/controller/report";
        node.update(addr, "123142342342342342343");
        MonitorNodeTest.await("a report at the new address",
                () -> received.stream().anyMatch(r -> r[0].equals("/api/controller/report") && r[2].contains("123142342342342342343")));
        node.pause();
        stopReporting();
        // a restart on the same data folder keeps the address, the uuid and the pause
        node = node("http://127.0.0.1:" + a.getAddress().getPort(), new FleetStub());
        assertEquals(addr, node.state().target());
        assertEquals("123142342342342342343", node.state().nodeUuid());
        assertTrue(node.state().paused());
        int before = received.size();
        node.report(); // a round while paused sends nothing
        assertEquals(before, received.size());
        node.resume();
        MonitorNodeTest.await("reports again", () -> received.size() > before);
    }

    @Test
    public void withoutATargetNothingIsSentAndTheFleetClientIsNeverActivated() throws IOException {
        FleetStub fleet = new FleetStub();
        node = node("", fleet);
        MonitorNodeTest.await("sampling", () -> monitor.sampleCount() >= 2);
        node.report();
        assertEquals(0, fleet.gets);
        assertNull(node.state().target());
    }

    @Test
    public void aServerThatIsDownCostsAWarningAndReportingResumesWhenItIsBack() throws IOException {
        int port = freePort();
        node = node("http://127.0.0.1:" + port, new FleetStub());
        MonitorNodeTest.await("a failed round", () -> node.state().failed() >= 2);
        assertNotNull(node.state().lastError());
        assertTrue(monitor.memory().total() > 0); // still serving
        server(port);
        MonitorNodeTest.await("reports arrive", () -> has("resource") && node.state().sent() >= 1);
        assertTrue(node.state().lastSuccessUtc() > 0);
    }

    @Test
    public void badPortsRangesAreRefusedAtActivation() {
        for (String bad : new String[] {"40000-30000", "80-90", "x-y", "30000", "30000-70000"}) {
            try {
                new ReportingImpl(TestSupport.config(Map.of("ports_range", new String[] {bad})), null, thread,
                        FleetStub.objects(new FleetStub()), Path.of(tmp.getRoot().toString()), "", 1).deactivate();
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("ports.range"));
            }
        }
    }

    @Test
    public void aTimerHandlerAddressWithCredentialsIsRefusedAndNoAddressIsLoggedWithItsQuery() throws IOException {
        node = node("", new FleetStub());
        String log = TestSupport.logOf(() -> {
            assertEquals(88888, TestSupport.code(() -> node.update("http://ops:s3cret@127.0.0.1:1/reports", null)));
            assertEquals(88888, TestSupport.code(() -> node.update("https://s3cret@127.0.0.1:1/reports", null)));
            node.update("http://127.0.0.1:1/reports?key=s3cret", null);
        });
        assertTrue(log, log.contains("http://127.0.0.1:1/reports"));
        assertFalse(log, log.contains("s3cret"));
        assertEquals("http://127.0.0.1:1/reports?key=s3cret", node.state().target());
        assertEquals("http://h:8/p", ReportingImpl.shown("http://u:p@h:8/p?q=1#f"));
    }
}
