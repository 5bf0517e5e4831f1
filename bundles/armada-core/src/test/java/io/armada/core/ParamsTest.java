package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import org.junit.Test;

public class ParamsTest {

    private static void refused(Runnable r, String message) {
        assertEquals(message, io.armada.core.testing.ApiErrors.expect(ErrorKind.BAD_REQUEST, r).getMessage());
    }

    @Test
    public void ids() {
        assertEquals(42L, Params.id(" 42 ", "id"));
        refused(() -> Params.id(null, "id"), "id is required");
        refused(() -> Params.id("abc", "agent_id"), "agent_id must be an integer");
        refused(() -> Params.id("0", "id"), "id must be a positive integer");
        refused(() -> Params.id("-3", "id"), "id must be a positive integer");
        refused(() -> Params.id("99999999999999999999", "id"), "id must be an integer");
    }

    @Test
    public void text() {
        assertEquals("abc", Params.text(" abc ", "domain", 3));
        refused(() -> Params.text("  ", "domain", 3), "domain is required");
        refused(() -> Params.text("abcd", "domain", 3), "domain is longer than 3 characters");
        assertNull(Params.optionalText(null, "desc", 3));
    }

    enum Color { RED, GREEN }

    @Test
    public void enums() {
        assertEquals(Color.RED, Params.oneOf(Color.class, "red", "color"));
        refused(() -> Params.oneOf(Color.class, "blue", "color"), "color is not one of the allowed values");
    }

    @Test
    public void queryNumbersAreParsedIntoTheDialectsBadRequest() {
        assertNull(Params.optionalLong(null, "request_time"));
        assertNull(Params.optionalLong(" ", "request_time"));
        assertEquals(Long.valueOf(42), Params.optionalLong(" 42 ", "request_time"));
        assertEquals(Long.valueOf(-3), Params.optionalLong("-3", "x"));
        assertEquals(Integer.valueOf(7), Params.optionalInt("7", "page_num"));
        for (String bad : new String[] {"abc", "1.5", "0x10", "-", "١٢"}) {
            try {
                Params.optionalLong(bad, "request_time");
                fail(bad);
            } catch (ApiException e) {
                assertEquals(ErrorKind.BAD_REQUEST, e.kind());
                assertEquals("request_time must be an integer", e.getMessage());
            }
        }
        try {
            Params.optionalInt("2147483648", "page_num");
            fail("int overflow");
        } catch (ApiException e) {
            assertEquals("page_num is out of range", e.getMessage());
        }
    }

    @Test
    public void aPageBeyondAnIntOffsetIsABadRequestNotAWrappedNegativeOffset() {
        assertEquals(0, Params.pageOffset(1, 200, "page_num"));
        assertEquals(0, Params.pageOffset(0, 200, "page_num"));
        assertEquals(200, Params.pageOffset(2, 200, "page_num"));
        int last = (int) ((Integer.MAX_VALUE - 200L) / 200 + 1);
        assertEquals((last - 1) * 200L, Params.pageOffset(last, 200, "page_num"));
        for (long page : new long[] {10_737_419L, last + 1L, Long.MAX_VALUE}) {
            try {
                Params.pageOffset(page, 200, "page_num");
                fail("page " + page);
            } catch (ApiException e) {
                assertEquals(ErrorKind.BAD_REQUEST, e.kind());
                assertEquals("page_num is too large", e.getMessage());
            }
        }
    }

    @Test
    public void deeplyNestedJsonIsRefused() throws Exception {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        try {
            Json.newMapper().readValue(deep, Object.class);
            fail("nesting deeper than " + Json.MAX_NESTING_DEPTH + " was read");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            assertEquals("malformed JSON", Json.describe(e));
        }
        String ok = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);
        Json.newMapper().readValue(ok, Object.class);
    }

    @Test
    public void ipLiteralsAreAddressesAndNothingElse() {
        for (String ok : new String[] {"10.0.0.7", "127.0.0.1", "0.0.0.0", "::1", "fe80::1", "2001:db8::7"}) {
            org.junit.Assert.assertTrue(ok, Params.isIpLiteral(ok));
        }
        for (String bad : new String[] {null, "", "localhost", "10.0.0.256", "10.0.0.7:80", "10.0.0", "a::b::c",
            "example.com", "10.0.0.7/x", " 10.0.0.7"}) {
            org.junit.Assert.assertFalse(String.valueOf(bad), Params.isIpLiteral(bad));
        }
    }
}
