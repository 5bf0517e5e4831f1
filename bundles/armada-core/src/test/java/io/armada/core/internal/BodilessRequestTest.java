package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.lang.reflect.Proxy;
import java.util.Map;

import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;

import org.junit.Test;

public class BodilessRequestTest {

    private static HttpServletRequest request(Map<String, String> headers, long length) {
        return (HttpServletRequest) Proxy.newProxyInstance(BodilessRequestTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeader" -> headers.get((String) a[0]);
                    case "getContentLengthLong" -> length;
                    case "getContentLength" -> (int) length;
                    default -> null;
                });
    }

    @Test
    public void aRequestWithoutLengthOrTransferEncodingHasALengthOfZero() {
        ServletRequest r = BodilessRequest.of(request(Map.of(), -1));
        assertEquals(0, r.getContentLengthLong());
        assertEquals(0, r.getContentLength());
    }

    @Test
    public void aRequestThatMayHaveABodyIsLeftAsItIs() {
        HttpServletRequest sized = request(Map.of("Content-Length", "12"), 12);
        assertSame(sized, BodilessRequest.of(sized));
        HttpServletRequest chunked = request(Map.of("Transfer-Encoding", "chunked"), -1);
        assertSame(chunked, BodilessRequest.of(chunked));
        assertEquals(-1, BodilessRequest.of(chunked).getContentLengthLong());
    }
}
