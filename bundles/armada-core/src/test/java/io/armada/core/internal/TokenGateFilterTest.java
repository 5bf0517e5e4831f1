package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.FilterChain;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Test;
import org.osgi.framework.BundleContext;

import io.armada.core.TokenService;

public class TokenGateFilterTest {
    private static final String TOKEN = "gate-token-0123456789abcdef0123456789";

    private final List<String> bodyReads = new ArrayList<>();
    private final Map<String, String> answerHeaders = new HashMap<>();
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    private int status;
    private boolean passed;

    private final TokenGateFilter gate = new TokenGateFilter(new TokenService() {
        @Override
        public boolean matches(String candidate) {
            return TOKEN.equals(candidate);
        }

        @Override
        public String token() {
            return TOKEN;
        }

        @Override
        public String source() {
            return "test";
        }
    }, new LiveRouteCatalog(context()));

    private static BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(TokenGateFilterTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private HttpServletRequest request(String method, String uri, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> "";
                    case "getQueryString" -> null;
                    case "getRemoteAddr" -> "192.0.2.7";
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getCookies" -> null;
                    case "getInputStream", "getReader", "getParameter", "getParameterMap" -> {
                        bodyReads.add(m.getName());
                        throw new AssertionError("the body was touched: " + m.getName());
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        answerHeaders.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "setContentType", "setContentLength", "flushBuffer" -> null;
                    case "getOutputStream" -> out;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private final FilterChain chain = (req, res) -> passed = true;

    @Test
    public void anAnonymousRequestIsRefusedBeforeItsBodyIsRead() throws Exception {
        gate.doFilter(request("POST", "/v1.0/agents", Map.of("Content-Length", "1000")), response(), chain);
        assertFalse(passed);
        assertEquals(401, status);
        assertEquals("close", answerHeaders.get("Connection"));
        assertEquals("{\"error\":\"not logged in\"}", answer.toString(StandardCharsets.UTF_8));
        assertTrue(bodyReads.isEmpty());
    }

    @Test
    public void aWrongTokenIsRefusedAndTheRightOnePasses() throws Exception {
        gate.doFilter(request("GET", "/openapi.json", Map.of("X-Armada-Token", "wrong")), response(), chain);
        assertFalse(passed);
        assertEquals(401, status);
        gate.doFilter(request("GET", "/openapi.json", Map.of("Auth-Token", TOKEN)), response(), chain);
        assertTrue(passed);
    }

    @Test
    public void anAddressThatGuessesTooOftenIsRefusedEvenWithTheRightToken() throws Exception {
        for (int i = 0; i < FailedLogins.LIMIT; i++) {
            gate.doFilter(request("GET", "/openapi.json", Map.of("X-Armada-Token", "guess-" + i)), response(), chain);
        }
        gate.doFilter(request("GET", "/openapi.json", Map.of("X-Armada-Token", TOKEN)), response(), chain);
        assertFalse("throttled for the rest of the minute", passed);
        assertEquals(401, status);
    }

    @Test
    public void requestsWithoutAnyCredentialAreNotCountedAsGuesses() throws Exception {
        for (int i = 0; i < FailedLogins.LIMIT * 2; i++) {
            gate.doFilter(request("GET", "/openapi.json", Map.of()), response(), chain);
        }
        gate.doFilter(request("GET", "/openapi.json", Map.of("X-Armada-Token", TOKEN)), response(), chain);
        assertTrue(passed);
    }

    @Test
    public void onlyABodilessHealthPassesWithoutToken() throws Exception {
        gate.doFilter(request("GET", "/health", Map.of()), response(), chain);
        assertTrue(passed);
        passed = false;
        gate.doFilter(request("GET", "/health", Map.of("Content-Length", "1000")), response(), chain);
        assertFalse("a body on /health is refused unread", passed);
        assertEquals(400, status);
        for (String other : new String[] {"/health/", "//health", "/health.json", "/HEALTH"}) {
            gate.doFilter(request("GET", other, Map.of()), response(), chain);
            assertFalse(other, passed);
        }
        gate.doFilter(request("POST", "/health", Map.of()), response(), chain);
        assertFalse(passed);
        assertTrue(bodyReads.isEmpty());
    }
}
