package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;

import org.junit.Test;

public class ContentTypeFilterTest {
    private static final java.util.concurrent.atomic.AtomicInteger ENTITY_ASKED = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    public void aRequestWithoutLengthOrTransferEncodingIsNotReadAhead() throws Exception {
        // CXF's hasEntity reads ahead and caches the input: not done for a GET that cannot have a body
        int before = ENTITY_ASKED.get();
        new ContentTypeFilter().filter(request(null, null, new MultivaluedHashMap<>()));
        assertEquals(before, ENTITY_ASKED.get());
    }

    @Test
    public void noBodyIsEverCachedWhole() throws Exception {
        // CXF's hasEntity() copied a whole body into its cache (a 100 MiB upload to a temporary file) before the
        // resource read a byte: the filter never asks it, and leaves a multipart or JSON body unread
        int before = ENTITY_ASKED.get();
        for (String type : new String[] {"multipart/form-data; boundary=b", "application/json", null, "text/plain"}) {
            new ContentTypeFilter().filter(request(type, "{\"a\":1}", new MultivaluedHashMap<>()));
        }
        assertEquals(before, ENTITY_ASKED.get());
        ContainerRequestContext multipart = request("multipart/form-data; boundary=b", "--b\r\n", new MultivaluedHashMap<>());
        InputStream original = multipart.getEntityStream();
        new ContentTypeFilter().filter(multipart);
        assertEquals("the multipart stream is handed on untouched", original, multipart.getEntityStream());
        assertEquals('-', original.read());
    }

    @Test
    public void anEmptyBodyWithoutATypeReadsAsNoJsonBody() throws Exception {
        MultivaluedHashMap<String, String> h = new MultivaluedHashMap<>();
        ContainerRequestContext empty = request(null, "", h);
        new ContentTypeFilter().filter(empty);
        assertEquals("application/json", h.getFirst(HttpHeaders.CONTENT_TYPE));
    }

    /** A request context with just what the filter uses. */
    private static ContainerRequestContext request(String contentType, String body, MultivaluedMap<String, String> h) {
        if (contentType != null) {
            h.putSingle(HttpHeaders.CONTENT_TYPE, contentType);
        }
        if (body != null) {
            h.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        }
        InputStream[] stream = {body == null ? null : new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))};
        return (ContainerRequestContext) Proxy.newProxyInstance(ContentTypeFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hasEntity" -> {
                        ENTITY_ASKED.incrementAndGet();
                        yield body != null;
                    }
                    case "getHeaderString" -> h.getFirst((String) args[0]);
                    case "getMediaType" -> h.getFirst(HttpHeaders.CONTENT_TYPE) == null ? null
                            : MediaType.valueOf(h.getFirst(HttpHeaders.CONTENT_TYPE));
                    case "getHeaders" -> h;
                    case "getCookies" -> h.getFirst("Cookie") == null ? java.util.Map.of()
                            : java.util.Map.of("ticket", new javax.ws.rs.core.Cookie("ticket", "t"));
                    case "getUriInfo" -> uriInfo();
                    case "getEntityStream" -> stream[0];
                    case "setEntityStream" -> {
                        stream[0] = (InputStream) args[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static javax.ws.rs.core.UriInfo uriInfo() {
        return (javax.ws.rs.core.UriInfo) Proxy.newProxyInstance(ContentTypeFilterTest.class.getClassLoader(),
                new Class<?>[] {javax.ws.rs.core.UriInfo.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestUri" -> java.net.URI.create("http://h/tars/x");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void aTextBodyIsNotSniffedIntoJsonWhenTheOnlyCredentialIsTheCookie() throws Exception {
        // a cross-site text/plain or form post needs no CORS preflight, and the browser adds the cookie itself
        MultivaluedMap<String, String> cookieOnly = new MultivaluedHashMap<>();
        cookieOnly.putSingle("Cookie", "ticket=t");
        new ContentTypeFilter().filter(request(MediaType.TEXT_PLAIN, "{\"a\":1}", cookieOnly));
        assertEquals(MediaType.TEXT_PLAIN, cookieOnly.getFirst(HttpHeaders.CONTENT_TYPE));

        MultivaluedMap<String, String> withHeader = new MultivaluedHashMap<>();
        withHeader.putSingle("Cookie", "ticket=t");
        withHeader.putSingle("Auth-Token", "t");
        new ContentTypeFilter().filter(request(MediaType.TEXT_PLAIN, "{\"a\":1}", withHeader));
        assertEquals(MediaType.APPLICATION_JSON, withHeader.getFirst(HttpHeaders.CONTENT_TYPE));
    }

    @Test
    public void aBodilessRequestWithoutContentTypeReadsAsJson() throws Exception {
        MultivaluedMap<String, String> h = new MultivaluedHashMap<>();
        new ContentTypeFilter().filter(request(null, null, h));
        assertEquals(MediaType.APPLICATION_JSON, h.getFirst(HttpHeaders.CONTENT_TYPE));
    }

    @Test
    public void aDeclaredTypeIsKept() throws Exception {
        MultivaluedMap<String, String> h = new MultivaluedHashMap<>();
        new ContentTypeFilter().filter(request("text/csv", null, h));
        assertEquals("text/csv", h.getFirst(HttpHeaders.CONTENT_TYPE));
    }

    @Test
    public void jsonLookingFormBodiesBecomeJsonOthersStay() throws Exception {
        MultivaluedMap<String, String> json = new MultivaluedHashMap<>();
        new ContentTypeFilter().filter(request(MediaType.APPLICATION_FORM_URLENCODED, " {\"a\":1}", json));
        assertEquals(MediaType.APPLICATION_JSON, json.getFirst(HttpHeaders.CONTENT_TYPE));
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        new ContentTypeFilter().filter(request(MediaType.APPLICATION_FORM_URLENCODED, "a=1", form));
        assertEquals(MediaType.APPLICATION_FORM_URLENCODED, form.getFirst(HttpHeaders.CONTENT_TYPE));
        MultivaluedMap<String, String> none = new MultivaluedHashMap<>();
        new ContentTypeFilter().filter(request(null, "x=1", none));
        assertNull(none.getFirst(HttpHeaders.CONTENT_TYPE));
    }
}
