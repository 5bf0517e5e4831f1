package io.armada.core.internal;

import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * A request that HTTP/1.1 says has no body (neither Content-Length nor Transfer-Encoding: a plain GET) says so with
 * a length of 0 instead of the servlet API's -1 ("unknown"). For an unknown length CXF copies the rest of the
 * request input into a new cache before it writes any answer; a node profile under load showed that at 4% of a
 * small GET's CPU, for a body that cannot exist.
 */
final class BodilessRequest extends HttpServletRequestWrapper {

    private BodilessRequest(HttpServletRequest request) {
        super(request);
    }

    /** The request itself, or the request with a length of 0 when it cannot have a body. */
    static ServletRequest of(ServletRequest request) {
        if (request instanceof HttpServletRequest http && http.getContentLengthLong() < 0
                && !mayHaveBody(http.getHeader("Transfer-Encoding"), http.getHeader("Content-Length"))) {
            return new BodilessRequest(http);
        }
        return request;
    }

    /** HTTP/1.1: a request has a body only with a Transfer-Encoding or a Content-Length over 0. */
    static boolean mayHaveBody(String transferEncoding, String contentLength) {
        return transferEncoding != null || (contentLength != null && !contentLength.trim().equals("0"));
    }

    @Override
    public int getContentLength() {
        return 0;
    }

    @Override
    public long getContentLengthLong() {
        return 0;
    }
}
