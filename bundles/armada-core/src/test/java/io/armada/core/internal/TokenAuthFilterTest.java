package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.junit.Test;

import io.armada.core.TokenService;

public class TokenAuthFilterTest {
    private static final String TOKEN = "filter-token-0123456789abcdef0123456789";

    private final TokenAuthFilter filter = new TokenAuthFilter(new TokenService() {
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
    });

    private Response aborted;

    private ContainerRequestContext request(Map<String, String> headers) {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getRequestUri" -> URI.create("http://h/anything");
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeaderString" -> headers.get((String) a[0]);
                    case "getUriInfo" -> uri;
                    case "getCookies" -> Map.of();
                    case "abortWith" -> {
                        aborted = (Response) a[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    public void aRequestWhoseResourceCannotBeToldIsRefusedWithoutTheToken() {
        // security review M8: this used to let the request through (fail open)
        filter.resourceInfo = null;
        filter.filter(request(Map.of()));
        assertNotNull("let through without a token", aborted);
        assertEquals(401, aborted.getStatus());

        aborted = null;
        filter.filter(request(Map.of("X-Armada-Token", TOKEN)));
        assertNull(aborted);
    }
}
