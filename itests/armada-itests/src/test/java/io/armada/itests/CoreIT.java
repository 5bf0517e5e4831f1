package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Core on the server role: /health, /openapi.json, every token form, every dialect's envelopes and errors through
 * the test-only area, the shell realm and the armada: commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreIT extends ArmadaKarafTestSupport {

    private static final List<String> DIALECTS = List.of("core", "goperation", "tars", "jobx", "monitor", "egg");

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Override
    protected List<Option> extraOptions() {
        List<Option> o = new java.util.ArrayList<>(noDangerousNodeActions());
        o.add(CoreOptions.bundle("file:" + System.getProperty("armada.testarea.jar")).start());
        return o;
    }

    @Before
    public void routesAreLive() {
        awaitSettled("testarea");
        Http.await("the test area's routes", Duration.ofSeconds(60),
                () -> http().get("/testarea/egg/ping").status() == 200);
    }

    @Test
    public void healthNeedsNoTokenAndTellsRoleAndAreasButNotTheVersion() {
        Http.Answer a = anonymous().get("/health");
        assertEquals(a.toString(), 200, a.status());
        JsonNode h = a.json();
        assertEquals("UP", h.get("status").asText());
        assertEquals("server", h.get("role").asText());
        assertFalse("the exact version is for token holders (/openapi.json)", h.has("version"));
        assertFalse(http().get("/openapi.json").json().get("info").get("version").asText().isEmpty());
        assertTrue(h.toString(), h.get("areas").toString().contains("\"core\""));
        assertTrue(h.toString(), h.get("areas").toString().contains("\"testarea\""));
    }

    /**
     * etc/armada-jetty.xml gives Jetty's server one scheduler, which its connectors and session housekeeper take
     * instead of a thread each (issue 17, server threads); without it, pax-web's Jetty starts "Connector-Scheduler-*"
     * and "Session-HouseKeeper-*".
     */
    @Test
    public void jettyRunsOneSchedulerForItsConnectorsAndSessions() {
        assertEquals(200, anonymous().get("/health").status()); // a connection: the connector has used its scheduler
        List<String> jetty = new java.util.ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith("armada-jetty-scheduler") || name.startsWith("Connector-Scheduler")
                    || name.startsWith("Session-HouseKeeper")) {
                jetty.add(name);
            }
        }
        assertEquals(jetty.toString(), 1, jetty.size());
        assertTrue(jetty.toString(), jetty.get(0).startsWith("armada-jetty-scheduler"));
    }

    @Test
    public void aJaxrsRuntimeLeftBehindByTheWhiteboardDoesNotBreakHealth() throws Exception {
        // Aries JAX-RS 2.0.2 can leave a runtime registered when its whiteboard is torn down and created again in the
        // same instant at boot: it announces no endpoint and its getRuntimeDTO() throws (a field failure: every
        // /health was a 500 after it). Ranked highest and there before core starts, so a catalog that binds one
        // runtime binds this one.
        JaxrsServiceRuntime stale = () -> {
            throw new NullPointerException("Cannot read the array length because \"array\" is null");
        };
        ServiceRegistration<JaxrsServiceRuntime> left = bundleContext.registerService(JaxrsServiceRuntime.class,
                stale, new Hashtable<>(Map.of(Constants.SERVICE_RANKING, Integer.MAX_VALUE)));
        try {
            org.osgi.framework.Bundle core = bundle("armada-core");
            core.stop();
            core.start();
            Http.Answer[] h = new Http.Answer[1];
            Http.await("/health with every area after core restarted", Duration.ofSeconds(60), () -> {
                h[0] = anonymous().get("/health");
                return h[0].status() == 200 && h[0].body().contains("\"testarea\"");
            }, () -> ", last " + h[0]);
            JsonNode doc = http().get("/openapi.json").json();
            assertNotNull(doc.toString(), doc.get("paths").get("/testarea/egg/echo"));
            // the exception mapper's neighbourhood dialect still works: an unknown egg route answers in egg
            assertBody(http().get("/testarea/egg/nope"), 404, "{\"status\":1,\"msg\":\"no such route\"}");
        } finally {
            left.unregister();
        }
        assertEquals(200, anonymous().get("/health").status());
    }

    @Test
    public void openApiListsTheLiveRoutesAndNeedsTheToken() {
        assertEquals(401, anonymous().get("/openapi.json").status());
        JsonNode doc = http().get("/openapi.json").json();
        assertEquals("3.0.3", doc.get("openapi").asText());
        JsonNode paths = doc.get("paths");
        assertNotNull(paths.get("/health"));
        assertNotNull(paths.get("/openapi.json"));
        assertNotNull(paths.get("/testarea/egg/echo").get("post"));
        assertNotNull(paths.get("/testarea/goperation/fail/{kind}").get("get"));
        assertEquals("testarea", paths.get("/testarea/egg/echo").get("post").get("tags").get(0).asText());
    }

    @Test
    public void everyLiveRouteRefusesACallWithoutTheToken() {
        int walked = assertEveryLiveRouteRefusesAnonymousCalls();
        assertTrue("the server role and the test area have far more routes than " + walked, walked > 20);
    }

    @Test
    public void everyTokenFormIsAccepted() {
        Http plain = anonymous();
        List<Map<String, String>> forms = List.of(
                Map.of("Authorization", "Bearer " + TOKEN),
                Map.of("Auth-Token", TOKEN),
                Map.of("appkey", TOKEN, "appname", "anything"),
                Map.of("X-Armada-Token", TOKEN));
        for (Map<String, String> form : forms) {
            assertEquals(form.keySet().toString(), 200, plain.withHeaders(form).get("/testarea/goperation/ping").status());
        }
        // the ticket cookie (TarsWeb's browser front end): tars routes only, and not from another site (review L1)
        String tarsOk = "{\"ret_code\":200";
        assertTrue(plain.withHeaders(Map.of("Cookie", "ticket=" + TOKEN)).get("/testarea/tars/ping").body()
                .startsWith(tarsOk));
        assertEquals(401, plain.withHeaders(Map.of("Cookie", "ticket=" + TOKEN)).get("/testarea/goperation/ping").status());
        assertFalse(plain.withHeaders(Map.of("Cookie", "ticket=" + TOKEN, "Origin", "https://evil.example"))
                .get("/testarea/tars/ping").body().startsWith(tarsOk));
        assertEquals(200, plain.get("/testarea/goperation/ping?ticket=" + TOKEN).status());
        assertEquals(401, plain.withHeaders(Map.of("Authorization", "Bearer " + TOKEN + "x"))
                .get("/testarea/goperation/ping").status());
        assertEquals(401, plain.withHeaders(Map.of("Auth-Token", TOKEN.substring(1)))
                .get("/testarea/goperation/ping").status());
    }

    @Test
    public void eachDialectSaysNotLoggedInItsOwnWay() {
        Http wrong = anonymous().withHeaders(Map.of("Auth-Token", "wrong"));
        assertBody(wrong.get("/testarea/core/ping"), 401, "{\"error\":\"not logged in\"}");
        assertBody(wrong.get("/testarea/goperation/ping"), 401, "{\"msg\":\"not logged in\"}");
        assertBody(wrong.get("/testarea/tars/ping"), 200, "{\"ret_code\":500,\"err_msg\":\"#common.noLogin#\",\"data\":{}}");
        assertBody(wrong.get("/testarea/jobx/ping"), 200, "{\"stat\":false,\"code\":10000}");
        assertBody(wrong.get("/testarea/monitor/ping"), 200, "{\"code\":10001,\"msg\":\"not logged in\"}");
        assertBody(wrong.get("/testarea/egg/ping"), 200, "{\"status\":1,\"msg\":\"not logged in\"}");
    }

    @Test
    public void eachDialectWrapsSuccess() {
        String body = "{\"name\":\"x\",\"count\":2,\"tags\":[\"a\"],\"kind\":\"FANCY\"}";
        String data = "{\"name\":\"x\",\"count\":2,\"tags\":[\"a\"],\"kind\":\"FANCY\"}";
        assertBody(http().post("/testarea/core/echo", body), 200, data);
        assertBody(http().post("/testarea/goperation/echo", body), 200,
                "{\"resultcode\":0,\"total\":1,\"pagenum\":0,\"result\":\"echo\",\"data\":[" + data + "]}");
        assertBody(http().post("/testarea/tars/echo", body), 200, "{\"ret_code\":200,\"err_msg\":\"\",\"data\":" + data + "}");
        assertBody(http().post("/testarea/jobx/echo", body), 200, "{\"stat\":true,\"data\":" + data + "}");
        assertBody(http().post("/testarea/monitor/echo", body), 200, "{\"code\":0,\"msg\":\"成功\",\"data\":" + data + "}");
        assertBody(http().post("/testarea/egg/echo", body), 200, "{\"status\":0,\"msg\":\"echo\",\"data\":" + data + "}");
    }

    @Test
    public void badInputGetsTheDialectErrorNeverA500() {
        String big = "{\"name\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}";
        Map<String, String> cases = Map.of(
                "malformed", "{\"name\":",
                "wrong type", "{\"name\":\"a\",\"count\":\"many\"}",
                "text as number", "{\"name\":5}",
                "unknown enum", "{\"name\":\"a\",\"kind\":\"NOPE\"}",
                "missing field", "{\"count\":1}",
                "not an object", "[1,2]",
                "trailing garbage", "{\"name\":\"a\"} x",
                "over 1 MiB", big);
        for (String dialect : DIALECTS) {
            for (Map.Entry<String, String> c : cases.entrySet()) {
                Http.Answer a = http().post("/testarea/" + dialect + "/echo", c.getValue());
                assertError(dialect, c.getKey(), a);
            }
            // no Content-Type at all, as some scripts send it: read as JSON
            Http.Answer noType = http().send("POST", "/testarea/" + dialect + "/echo", "{\"name\":\"n\"}", null);
            assertTrue(dialect + " without content type: " + noType, noType.body().contains("\"n\""));
        }
        // the server keeps serving
        assertEquals(200, http().get("/testarea/egg/ping").status());
    }

    @Test
    public void aQueryParameterThatDoesNotParseIsABadRequestNotAMissingRoute() {
        // security review L6: JAX-RS turns a typed parameter's failed conversion into a 404 "no such route"
        assertEquals(7, http().get("/testarea/goperation/typed?n=7").json().get("data").get(0).get("n").asInt());
        Http.Answer bad = http().get("/testarea/goperation/typed?n=abc");
        assertEquals(bad.toString(), 400, bad.status());
        assertTrue(bad.body(), bad.body().contains("does not parse"));
        assertEquals(88888, http().get("/testarea/monitor/typed?n=abc").json().get("code").asInt());
    }

    @Test
    public void overSizeIs413InTheStatusDialects() {
        String big = "{\"name\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}";
        assertEquals(413, http().post("/testarea/goperation/echo", big).status());
        assertEquals(413, http().post("/testarea/core/echo", big).status());
    }

    @Test
    public void faultsOfOursAreReportedWithoutInternals() {
        for (String dialect : DIALECTS) {
            Http.Answer a = http().get("/testarea/" + dialect + "/boom");
            assertFalse(a.body(), a.body().contains("secret internals"));
            assertTrue(a.body(), a.body().contains("internal server error (ref "));
        }
        assertEquals(500, http().get("/testarea/goperation/boom").status());
        assertEquals("99999", http().get("/testarea/monitor/boom").json().get("code").asText());
    }

    @Test
    public void errorKindsMapToTheDialectsStatusesAndCodes() {
        assertEquals(404, http().get("/testarea/goperation/fail/not_found").status());
        assertEquals(501, http().get("/testarea/goperation/fail/not_implemented").status());
        assertEquals(503, http().get("/testarea/goperation/fail/unavailable").status());
        Http.Answer refused = http().get("/testarea/goperation/fail/refused");
        assertEquals(200, refused.status());
        assertEquals(-1, refused.json().get("resultcode").asInt());
        assertEquals("refused as REFUSED", refused.json().get("result").asText());
        assertEquals(88888, http().get("/testarea/monitor/fail/bad_request").json().get("code").asInt());
        assertEquals(500, http().get("/testarea/tars/fail/not_found").json().get("ret_code").asInt());
    }

    @Test
    public void goperationClientsSendJsonBodiesOnGetAndDelete() {
        assertEquals("g", http().send("GET", "/testarea/goperation/echo", "{\"name\":\"g\"}", "application/json")
                .json().get("data").get(0).get("name").asText());
        assertEquals("d", http().send("DELETE", "/testarea/goperation/echo", "{\"name\":\"d\"}", "application/json")
                .json().get("data").get(0).get("name").asText());
    }

    @Test
    public void unmatchedRequestsAnswerInTheDialectOfTheirNeighbourhood() {
        assertBody(http().get("/testarea/egg/nope"), 404, "{\"status\":1,\"msg\":\"no such route\"}");
        assertBody(http().send("PUT", "/testarea/egg/echo", null, null), 405,
                "{\"status\":1,\"msg\":\"method not allowed on this route\"}");
        assertBody(http().get("/testarea/goperation/nope"), 404, "{\"msg\":\"no such route\"}");
        assertBody(http().get("/testarea/jobx/nope"), 404, "{\"stat\":false,\"info\":\"no such route\"}");
        assertBody(http().get("/nothing/here"), 404, "{\"error\":\"no such route\"}");
    }

    @Test
    public void goperationRoutesTakeAnOptionalJsonSuffix() {
        Http.Answer plain = http().get("/v1.0/testarea/ping");
        assertEquals(plain.toString(), 200, plain.status());
        assertEquals(plain.body(), http().get("/v1.0/testarea/ping.json").body());
        // only under /v1.0: elsewhere the suffix is part of the path
        assertBody(http().get("/testarea/egg/ping.json"), 404, "{\"status\":1,\"msg\":\"no such route\"}");
    }

    @Test
    public void theFleetClientCallsAnotherMemberWithTheToken() throws Exception {
        org.osgi.framework.ServiceReference<io.armada.core.FleetClient> ref =
                bundleContext.getServiceReference(io.armada.core.FleetClient.class);
        io.armada.core.FleetClient client = bundleContext.getService(ref);
        String base = "http://127.0.0.1:" + Integer.getInteger("armada.http.port");
        io.armada.core.FleetClient.Answer a = client.send("GET", base + "/openapi.json", null, Duration.ofSeconds(10))
                .get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, a.status());
        assertEquals("3.0.3", a.json(Map.class).get("openapi"));
        io.armada.core.FleetClient.Answer echo = client.send("POST", base + "/testarea/egg/echo",
                Map.of("name", "sent"), Duration.ofSeconds(10)).get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(new String(echo.body(), java.nio.charset.StandardCharsets.UTF_8).contains("\"sent\""));
        try {
            client.send("GET", "http://127.0.0.1:1/health", null, Duration.ofSeconds(2)).get(10, java.util.concurrent.TimeUnit.SECONDS);
            fail("a closed port answered");
        } catch (java.util.concurrent.ExecutionException expected) {
            // a transport failure completes the future exceptionally
        }
    }

    @Test
    public void aWriteIsReadBackThroughTheSharedPersistence() {
        String text = "note-" + System.nanoTime();
        JsonNode added = http().post("/testarea/notes", "{\"text\":\"" + text + "\"}").json();
        assertEquals(added.toString(), 0, added.get("status").asInt());
        JsonNode dup = http().post("/testarea/notes", "{\"text\":\"" + text + "\"}").json();
        assertEquals(1, dup.get("status").asInt());
        assertTrue(http().get("/testarea/notes").body().contains(text));
    }

    /**
     * Security review M1: 50 anonymous clients, each declaring a 1000-byte body and sending it a byte a second, used
     * to hold every request thread (the body was read before the token was checked). Meanwhile /health and a token
     * route must still answer (each probe gives up after 10 s; the slow clients go on for 30 s).
     */
    @Test
    public void fiftySlowAnonymousClientsDoNotStopTheServer() throws Exception {
        int port = Integer.getInteger("armada.http.port");
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread trickle = null;
        try {
            for (int i = 0; i < 50; i++) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", port);
                s.getOutputStream().write(("POST /testarea/egg/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            assertEquals(50, slow.size());
            trickle = new Thread(() -> {
                for (int second = 0; second < 30 && !stop.get(); second++) {
                    for (java.net.Socket s : slow) {
                        try {
                            s.getOutputStream().write(' ');
                            s.getOutputStream().flush();
                        } catch (java.io.IOException closedByTheServer) {
                            // refused and closed: that is the point
                        }
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "slow-clients");
            trickle.start();
            Thread.sleep(3000);
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            for (String[] probe : new String[][] {{"/health", null}, {"/testarea/goperation/ping", TOKEN}}) {
                java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + probe[0])).timeout(Duration.ofSeconds(10));
                if (probe[1] != null) {
                    b.header("X-Armada-Token", probe[1]);
                }
                java.net.http.HttpResponse<String> r = client.send(b.build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(probe[0] + ": " + r.body(), 200, r.statusCode());
            }
            // each slow client was answered "not logged in" without its body
            java.net.Socket first = slow.get(0);
            first.setSoTimeout(10_000);
            String head = new String(first.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 200", head); // egg's "not logged in" is HTTP 200 with status 1
        } finally {
            stop.set(true);
            if (trickle != null) {
                trickle.interrupt();
                trickle.join(5000);
            }
            for (java.net.Socket s : slow) {
                s.close();
            }
        }
    }

    /**
     * Security review H1: Config Admin keeps a copy of its configurations under data/ that any local user can read.
     * A token found there (an instance from before the token file was kept out of Config Admin, or one put there by
     * hand) is taken out when core starts, and the file in etc/ stays the only source.
     */
    @Test
    public void aTokenInConfigAdminIsTakenOutAndTheFileStaysTheSource() throws Exception {
        String stray = "a-token-someone-put-into-config-admin-0123";
        org.osgi.framework.ServiceReference<org.osgi.service.cm.ConfigurationAdmin> ref =
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class);
        org.osgi.service.cm.ConfigurationAdmin ca = bundleContext.getService(ref);
        org.osgi.service.cm.Configuration c = ca.getConfiguration("io.armada.security", "?");
        java.util.Dictionary<String, Object> props = new Hashtable<>();
        props.put("token", stray);
        props.put("shell_user", "karaf");
        c.update(props);
        org.osgi.framework.Bundle core = bundle("armada-core");
        core.stop();
        core.start();
        Http.await("core back, taking the token file's token", Duration.ofSeconds(60),
                () -> http().get("/openapi.json").status() == 200);
        assertEquals(null, ca.getConfiguration("io.armada.security", "?").getProperties().get("token"));
        assertEquals(401, anonymous().withHeaders(Map.of("X-Armada-Token", stray)).get("/openapi.json").status());
        awaitSettled("testarea");
    }

    @Test
    public void theShellRealmTakesTheTokenAsPassword() throws Exception {
        login("karaf", TOKEN);
        for (String[] bad : new String[][] {{"karaf", "karaf"}, {"karaf", TOKEN + "x"}, {"admin", TOKEN}}) {
            try {
                login(bad[0], bad[1]);
                fail("login accepted for " + bad[0]);
            } catch (LoginException expected) {
                // refused
            }
        }
    }

    @Test
    public void armadaCommandsRun() throws Exception {
        assertEquals(TOKEN, shell("armada:token").trim());
        String routes = shell("armada:routes");
        assertTrue(routes, routes.contains("/testarea/egg/echo"));
        assertTrue(routes, routes.contains("/health"));
    }

    private static void login(String user, String password) throws LoginException {
        LoginContext lc = new LoginContext("armada", callbacks -> {
            for (javax.security.auth.callback.Callback cb : callbacks) {
                if (cb instanceof NameCallback n) {
                    n.setName(user);
                } else if (cb instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        });
        lc.login();
        List<String> names = lc.getSubject().getPrincipals().stream()
                .map(pr -> pr.getClass().getSimpleName() + ":" + pr.getName()).toList();
        assertTrue(names.toString(), names.contains("RolePrincipal:admin") && names.contains("UserPrincipal:" + user));
        lc.logout();
    }

    private static void assertBody(Http.Answer a, int status, String body) {
        assertEquals(a.toString(), status, a.status());
        assertEquals(body, a.body());
    }

    /** The error shape of each dialect, never a 500. */
    static void assertError(String dialect, String what, Http.Answer a) {
        String ctx = dialect + "/" + what + ": " + a;
        assertTrue(ctx, a.status() != 500 && a.status() > 0);
        JsonNode j = a.json();
        switch (dialect) {
            case "core" -> assertTrue(ctx, a.status() >= 400 && j.has("error"));
            case "goperation" -> assertTrue(ctx, a.status() >= 400 && j.has("msg"));
            case "tars" -> assertTrue(ctx, a.status() == 200 && j.get("ret_code").asInt() == 500 && j.has("err_msg"));
            case "jobx" -> assertTrue(ctx, a.status() == 200 && !j.get("stat").asBoolean() && j.has("info"));
            case "monitor" -> assertTrue(ctx, a.status() == 200 && j.get("code").asInt() == 88888);
            case "egg" -> assertTrue(ctx, a.status() == 200 && j.get("status").asInt() == 1 && j.has("msg"));
            default -> fail(dialect);
        }
    }
}
