package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.Test;

public class CredentialsTest {

    private static UnaryOperator<String> headers(Map<String, String> h) {
        return h::get;
    }

    @Test
    public void theCookieCountsOnlyOnTarsRoutesFromTheirOwnOrigin() {
        assertFalse("not a tars route", Credentials.cookieAllowed(false, headers(Map.of())));
        assertTrue("no Origin: a same-origin GET", Credentials.cookieAllowed(true, headers(Map.of("Host", "h:1"))));
        assertTrue(Credentials.cookieAllowed(true, headers(Map.of("Host", "h:1", "Origin", "http://h:1"))));
        assertFalse(Credentials.cookieAllowed(true, headers(Map.of("Host", "h:1", "Origin", "https://evil.example"))));
        assertFalse(Credentials.cookieAllowed(true, headers(Map.of("Host", "h:1", "Origin", "null"))));
        assertFalse(Credentials.cookieAllowed(true, headers(Map.of("Host", "h:1", "Sec-Fetch-Site", "cross-site"))));
        assertTrue(Credentials.cookieAllowed(true, headers(Map.of("Host", "h:1", "Sec-Fetch-Site", "same-origin"))));
    }

    @Test
    public void theTicketIsReadFromTheQueryStringOnly() {
        assertEquals("a b", Credentials.queryParameter("x=1&ticket=a+b", "ticket"));
        assertEquals("", Credentials.queryParameter("ticket", "ticket"));
        assertNull(Credentials.queryParameter("tickets=1", "ticket"));
        assertNull(Credentials.queryParameter(null, "ticket"));
        assertNull(Credentials.queryParameter("ticket=%zz", "ticket"));
    }
}
