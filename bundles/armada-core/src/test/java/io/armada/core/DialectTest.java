package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

public class DialectTest {
    private static final ObjectMapper JSON = Json.newMapper();

    private static String body(Response r) throws Exception {
        return JSON.writeValueAsString(r.getEntity());
    }

    @Test
    public void coreAndGoperationUseHttpStatuses() throws Exception {
        Response core = Dialect.CORE.error(ApiException.badRequest("bad id"));
        assertEquals(400, core.getStatus());
        assertEquals("{\"error\":\"bad id\"}", body(core));

        assertEquals(401, Dialect.GOPERATION.error(new ApiException(ErrorKind.UNAUTHORIZED, "not logged in")).getStatus());
        assertEquals(404, Dialect.GOPERATION.error(ApiException.notFound("no agent 3")).getStatus());
        assertEquals(501, Dialect.GOPERATION.error(new ApiException(ErrorKind.NOT_IMPLEMENTED, null)).getStatus());
        assertEquals(503, Dialect.GOPERATION.error(ApiException.unavailable("agent unreachable")).getStatus());
        assertEquals(413, Dialect.GOPERATION.error(new ApiException(ErrorKind.TOO_LARGE, null)).getStatus());
        assertEquals("{\"msg\":\"no agent 3\"}", body(Dialect.GOPERATION.error(ApiException.notFound("no agent 3"))));
    }

    @Test
    public void goperationRefusalIsHttp200WithResultcodeMinusOne() throws Exception {
        Response r = Dialect.GOPERATION.error(ApiException.refused("Create agent fail, host exists"));
        assertEquals(200, r.getStatus());
        assertEquals("{\"resultcode\":-1,\"total\":0,\"pagenum\":0,\"result\":\"Create agent fail, host exists\",\"data\":[]}",
                body(r));
        Response coded = Dialect.GOPERATION.error(new ApiException(ErrorKind.REFUSED, 3, "scheduler status", null, null));
        assertTrue(body(coded).startsWith("{\"resultcode\":3,"));
    }

    @Test
    public void tarsJobxMonitorEggAnswerHttp200() throws Exception {
        ApiException bad = ApiException.badRequest("application is required");
        assertEquals("{\"ret_code\":500,\"err_msg\":\"application is required\",\"data\":{}}", body(Dialect.TARS.error(bad)));
        assertEquals("{\"stat\":false,\"info\":\"application is required\"}", body(Dialect.JOBX.error(bad)));
        assertEquals("{\"code\":88888,\"msg\":\"application is required\"}", body(Dialect.MONITOR.error(bad)));
        assertEquals("{\"status\":1,\"msg\":\"application is required\"}", body(Dialect.EGG.error(bad)));
        for (Dialect d : List.of(Dialect.TARS, Dialect.JOBX, Dialect.MONITOR, Dialect.EGG)) {
            assertEquals(d.name(), 200, d.error(bad).getStatus());
            assertEquals(d.name(), 200, d.error(new ApiException(ErrorKind.INTERNAL, "x")).getStatus());
        }
    }

    @Test
    public void notLoggedInPerDialect() throws Exception {
        ApiException e = new ApiException(ErrorKind.UNAUTHORIZED, "not logged in");
        assertEquals("{\"ret_code\":500,\"err_msg\":\"#common.noLogin#\",\"data\":{}}", body(Dialect.TARS.error(e)));
        assertEquals("{\"stat\":false,\"code\":10000}", body(Dialect.JOBX.error(e)));
        assertEquals("{\"code\":10001,\"msg\":\"not logged in\"}", body(Dialect.MONITOR.error(e)));
        assertEquals("{\"status\":1,\"msg\":\"not logged in\"}", body(Dialect.EGG.error(e)));
    }

    @Test
    public void monitorCodesAndDefaultTexts() throws Exception {
        assertEquals("{\"code\":40312,\"msg\":\"verify password failed\"}",
                body(Dialect.MONITOR.error(ApiException.withCode(ErrorKind.BAD_REQUEST, 40312, "verify password failed"))));
        assertEquals("{\"code\":88888,\"msg\":\"报文错误，请修正重试\"}",
                body(Dialect.MONITOR.error(new ApiException(ErrorKind.BAD_REQUEST, ""))));
        assertEquals("{\"code\":99999,\"msg\":\"系统异常，请稍后重试\"}",
                body(Dialect.MONITOR.error(new ApiException(ErrorKind.INTERNAL, null))));
    }

    @Test
    public void successEnvelopes() throws Exception {
        assertEquals("{\"resultcode\":0,\"total\":2,\"pagenum\":0,\"result\":\"list\",\"data\":[1,2]}",
                JSON.writeValueAsString(Envelopes.Goperation.ok("list", List.of(1, 2))));
        assertEquals("{\"resultcode\":0,\"total\":1,\"pagenum\":0,\"result\":\"show\",\"data\":[{\"a\":1}]}",
                JSON.writeValueAsString(Envelopes.Goperation.one("show", Map.of("a", 1))));
        assertEquals("{\"ret_code\":200,\"err_msg\":\"\",\"data\":{}}", JSON.writeValueAsString(Envelopes.Tars.ok(null)));
        assertEquals("{\"stat\":true,\"uuid\":\"abcdefghijkl\",\"data\":1}",
                JSON.writeValueAsString(Envelopes.Jobx.withUuid("abcdefghijkl", 1)));
        assertEquals("{\"code\":0,\"msg\":\"成功\"}", JSON.writeValueAsString(Envelopes.Monitor.ok()));
        assertEquals("{\"status\":0,\"msg\":\"add domain ok\"}", JSON.writeValueAsString(Envelopes.Egg.ok("add domain ok")));
    }

    @Test
    public void secretsAreMasked() {
        String token = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        String masked = Secrets.mask(token);
        assertFalse(masked.contains("cdefgh"));
        assertTrue(masked.startsWith("ab"));
        assertEquals("****", Secrets.mask("short"));
        Map<String, Object> r = Secrets.redact(Map.of("user", "root", "password", "123456", "Auth-Token", token));
        assertEquals("root", r.get("user"));
        assertEquals("****", r.get("password"));
        assertEquals("****", r.get("Auth-Token"));
    }
}
