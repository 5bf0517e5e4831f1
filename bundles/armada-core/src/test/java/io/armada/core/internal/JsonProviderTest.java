package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;

import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

public class JsonProviderTest {

    public static class Body {
        public String name;
        public int count;
        public List<String> tags;
        public Kind kind;
    }

    public enum Kind { A, B }

    private final JsonProvider provider = new JsonProvider(64);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object read(Class type, String json, String contentLength) throws Exception {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (contentLength != null) {
            headers.putSingle("Content-Length", contentLength);
        }
        InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
        return provider.readFrom(type, type, new java.lang.annotation.Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                headers, in);
    }

    private ApiException refused(Class<?> type, String json) {
        try {
            read(type, json, null);
        } catch (ApiException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        fail("accepted " + json);
        return null;
    }

    @Test
    public void readsAndWrites() throws Exception {
        Body b = (Body) read(Body.class, "{\"name\":\"x\",\"count\":3,\"tags\":[\"a\"],\"kind\":\"B\",\"extra\":1}", null);
        assertEquals("x", b.name);
        assertEquals(3, b.count);
        assertEquals(Kind.B, b.kind);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.writeTo(Map.of("msg", "成功"), Map.class, Map.class, null, MediaType.APPLICATION_JSON_TYPE, null, out);
        assertEquals("{\"msg\":\"成功\"}", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void aSmallAnswerGoesOutWholeWithItsLengthALargeOneStreams() throws Exception {
        javax.ws.rs.core.MultivaluedMap<String, Object> headers = new javax.ws.rs.core.MultivaluedHashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.writeTo(Map.of("msg", "成功"), Map.class, Map.class, null, MediaType.APPLICATION_JSON_TYPE, headers, out);
        assertEquals("{\"msg\":\"成功\"}", out.toString(StandardCharsets.UTF_8));
        assertEquals(Integer.toString(out.size()), headers.getFirst("Content-Length"));

        // over the limit: no length (the container sends it chunked), the same bytes as Jackson alone
        java.util.List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add("row-" + i);
        }
        headers.clear();
        out.reset();
        provider.writeTo(rows, java.util.List.class, java.util.List.class, null, MediaType.APPLICATION_JSON_TYPE,
                headers, out);
        assertNull(headers.getFirst("Content-Length"));
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(rows),
                out.toString(StandardCharsets.UTF_8));
        assertTrue(out.size() > JsonProvider.SIZED_LIMIT);
    }

    @Test
    public void emptyBodyReadsAsNull() throws Exception {
        assertNull(read(Body.class, "", null));
        assertNull(read(Body.class, "  \n", null));
    }

    @Test
    public void badBodiesAreBadRequestsWithoutTheValue() {
        assertEquals("malformed JSON", refused(Body.class, "{\"name\":").getMessage());
        assertEquals("malformed JSON", refused(Body.class, "{\"name\":\"a\"} x").getMessage());
        ApiException wrongType = refused(Body.class, "{\"count\":\"secret-value\"}");
        assertEquals(ErrorKind.BAD_REQUEST, wrongType.kind());
        assertTrue(wrongType.getMessage(), wrongType.getMessage().contains("'count'"));
        assertTrue(!wrongType.getMessage().contains("secret-value"));
        assertTrue(refused(Body.class, "{\"name\":5}").getMessage().contains("'name'"));
        assertTrue(refused(Body.class, "{\"count\":1.5}").getMessage().contains("'count'"));
        assertTrue(refused(Body.class, "{\"kind\":\"C\"}").getMessage().contains("'kind'"));
        assertTrue(refused(Body.class, "{\"count\":null}").getMessage().contains("'count'"));
        assertTrue(refused(Body.class, "{\"name\":\"a\",\"name\":\"b\"}").getMessage(), true);
        assertEquals("body must be a JSON object", refused(Body.class, "[1]").getMessage());
    }

    @Test
    public void overTheLimitIsTooLargeDeclaredOrNot() throws Exception {
        String big = "{\"name\":\"" + "a".repeat(100) + "\"}";
        try {
            read(Body.class, "{}", "1000");
            fail();
        } catch (ApiException e) {
            assertEquals(ErrorKind.TOO_LARGE, e.kind());
        }
        try {
            read(Body.class, big, null);
            fail();
        } catch (ApiException e) {
            assertEquals(ErrorKind.TOO_LARGE, e.kind());
        }
    }

    @Test
    public void leavesPlainTypesToTheContainer() {
        assertTrue(!JsonProvider.handles(String.class));
        assertTrue(!JsonProvider.handles(InputStream.class));
        assertTrue(JsonProvider.handles(Map.class));
        assertTrue(JsonProvider.handles(Body.class));
    }
}
