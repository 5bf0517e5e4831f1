package io.armada.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Error envelopes of every dialect under a 2xx answer. */
public class ErrorEnvelopesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String error(String json) throws Exception {
        return ErrorEnvelopes.error(JSON.readTree(json));
    }

    @Test
    public void successEnvelopesAreNoError() throws Exception {
        assertNull(error("{\"resultcode\":0,\"total\":1,\"result\":\"ok\",\"data\":[]}"));
        assertNull(error("{\"ret_code\":200,\"err_msg\":\"\",\"data\":{}}"));
        assertNull(error("{\"stat\":true,\"data\":1}"));
        assertNull(error("{\"code\":0,\"msg\":\"ok\",\"data\":{}}"));
        assertNull(error("{\"status\":0,\"msg\":\"add domain ok\"}"));
        assertNull(error("[1,2]"));
        assertNull(ErrorEnvelopes.error(null));
    }

    @Test
    public void errorEnvelopesAreErrors() throws Exception {
        assertEquals("resultcode -1: refused", error("{\"resultcode\":-1,\"result\":\"refused\",\"data\":[]}"));
        assertEquals("ret_code 500: bad", error("{\"ret_code\":500,\"err_msg\":\"bad\",\"data\":{}}"));
        assertEquals("stat false: nope", error("{\"stat\":false,\"info\":\"nope\"}"));
        assertEquals("code 88888: missing", error("{\"code\":88888,\"msg\":\"missing\"}"));
        assertEquals("status 1: dup", error("{\"status\":1,\"msg\":\"dup\"}"));
    }
}
