package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.FilterChain;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;

import org.junit.Test;

public class RewireGapFilterTest {
    private static final String CXF_PAGE = "<html><body>No service was found.</body></html>";

    /** What reached the real response. */
    static final class Recorded {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        String contentType;
        final StringWriter text = new StringWriter();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        HttpServletResponse response() {
            PrintWriter writer = new PrintWriter(text, true);
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) {
                    // not used
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus": status = (Integer) args[0]; return null;
                            case "getStatus": return status;
                            case "setContentType": contentType = (String) args[0]; return null;
                            case "setHeader": headers.put((String) args[0], (String) args[1]); return null;
                            case "getWriter": return writer;
                            case "getOutputStream": return out;
                            case "isCommitted": return false;
                            case "flushBuffer": return null;
                            default: throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }
    }

    private static FilterChain gapThen(int gaps, AtomicInteger calls, FilterChain after) {
        return (req, res) -> {
            if (calls.incrementAndGet() <= gaps) {
                HttpServletResponse r = (HttpServletResponse) res;
                r.setStatus(404);
                r.setContentType("text/html");
                r.getWriter().write(CXF_PAGE);
            } else {
                after.doFilter(req, res);
            }
        };
    }

    private static final ServletRequest REQUEST = (ServletRequest) Proxy.newProxyInstance(
            RewireGapFilterTest.class.getClassLoader(), new Class<?>[] {ServletRequest.class},
            (p, m, a) -> m.getReturnType() == boolean.class ? false : null);

    /** A request whose {@code isAsyncStarted()} turns true once {@code started} is set (CXF's startAsync). */
    private static ServletRequest asyncRequest(java.util.concurrent.atomic.AtomicBoolean started) {
        return (ServletRequest) Proxy.newProxyInstance(RewireGapFilterTest.class.getClassLoader(),
                new Class<?>[] {ServletRequest.class}, (p, m, a) -> "isAsyncStarted".equals(m.getName())
                        ? started.get() : m.getReturnType() == boolean.class ? false : null);
    }

    @Test
    public void anAsyncRequestIsNotDispatchedAgainAndItsLaterAnswerPassesThrough() throws Exception {
        Recorded rec = new Recorded();
        AtomicInteger calls = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        javax.servlet.ServletResponse[] kept = new javax.servlet.ServletResponse[1];
        new RewireGapFilter().doFilter(asyncRequest(started), rec.response(), (req, res) -> {
            calls.incrementAndGet();
            started.set(true); // the resource suspended: nothing written yet
            kept[0] = res;
        });
        assertEquals("the suspended request is not dispatched again", 1, calls.get());
        assertEquals("nothing written while the resource waits", 200, rec.status);
        // the resumed answer, written after the filter returned (even a textual 404 is not held)
        HttpServletResponse later = (HttpServletResponse) kept[0];
        later.setStatus(404);
        later.setContentType("text/html");
        later.getWriter().write(CXF_PAGE);
        assertEquals(404, rec.status);
        assertEquals("text/html", rec.contentType);
        assertEquals(CXF_PAGE, rec.text.toString());
    }

    @Test
    public void anAsyncAnswerWrittenBeforeTheChainReturnsIsNotHeld() throws Exception {
        Recorded rec = new Recorded();
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        new RewireGapFilter().doFilter(asyncRequest(started), rec.response(), (req, res) -> {
            started.set(true);
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(404);
            r.getWriter().write("not here");
        });
        assertEquals(404, rec.status);
        assertEquals("not here", rec.text.toString());
    }

    /** The filters in front of CXF are registered async-supported, or a JAX-RS AsyncResponse is refused. */
    @Test
    public void coresServletFiltersAreRegisteredAsyncSupported() throws Exception {
        for (String c : new String[] {"RewireGapFilter", "TokenGateFilter"}) {
            String xml;
            try (java.io.InputStream in = getClass().getClassLoader()
                    .getResourceAsStream("OSGI-INF/io.armada.core.internal." + c + ".xml")) {
                org.junit.Assert.assertNotNull(c + "'s component description", in);
                xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            org.junit.Assert.assertTrue(c + ": " + xml, xml.matches(
                    "(?s).*name=\"osgi.http.whiteboard.filter.asyncSupported\"[^>]*value=\"true\".*"));
        }
    }

    @Test
    public void aRequestThatMeetsTheRebuildIsDispatchedAgainAndGetsTheRealAnswer() throws Exception {
        Recorded rec = new Recorded();
        AtomicInteger calls = new AtomicInteger();
        new RewireGapFilter().doFilter(REQUEST, rec.response(), gapThen(3, calls, (req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(200);
            r.setContentType("application/json");
            r.getOutputStream().write("{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8));
        }));
        assertEquals(4, calls.get());
        assertEquals(200, rec.status);
        assertEquals("application/json", rec.contentType);
        assertEquals("{\"status\":\"UP\"}", rec.bytes.toString(StandardCharsets.UTF_8));
        assertEquals("nothing of the held pages leaked", "", rec.text.toString());
    }

    @Test
    public void ourOwn404PassesThroughAtOnce() throws Exception {
        Recorded rec = new Recorded();
        AtomicInteger calls = new AtomicInteger();
        new RewireGapFilter().doFilter(REQUEST, rec.response(), gapThen(0, calls, (req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(404);
            r.setHeader("X-Test", "kept");
            r.setContentType("application/json");
            r.getOutputStream().write("{\"status\":1,\"msg\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
        }));
        assertEquals(1, calls.get());
        assertEquals(404, rec.status);
        assertEquals("kept", rec.headers.get("X-Test"));
        assertEquals("application/json", rec.contentType);
        assertEquals("{\"status\":1,\"msg\":\"not found\"}", rec.bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void anotherTextual404IsReleasedUnchanged() throws Exception {
        Recorded rec = new Recorded();
        AtomicInteger calls = new AtomicInteger();
        new RewireGapFilter().doFilter(REQUEST, rec.response(), gapThen(0, calls, (req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(404);
            r.setContentType("text/plain");
            r.getWriter().write("nothing here");
        }));
        assertEquals(1, calls.get());
        assertEquals(404, rec.status);
        assertEquals("text/plain", rec.contentType);
        assertEquals("nothing here", rec.text.toString());
    }

    @Test
    public void aBodiless404IsReleased() throws Exception {
        Recorded rec = new Recorded();
        new RewireGapFilter().doFilter(REQUEST, rec.response(), (req, res) -> ((HttpServletResponse) res).setStatus(404));
        assertEquals(404, rec.status);
        assertNull(rec.contentType);
    }

    @Test
    public void aServerThatStaysGoneGetsTheNotFoundAfterTheWait() throws IOException, javax.servlet.ServletException {
        Recorded rec = new Recorded();
        AtomicInteger calls = new AtomicInteger();
        new RewireGapFilter(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50))
                .doFilter(REQUEST, rec.response(), gapThen(Integer.MAX_VALUE, calls, null));
        assertEquals(404, rec.status);
        assertEquals(CXF_PAGE, rec.text.toString());
        assertEquals("text/html", rec.contentType);
        assertEquals(true, calls.get() > 1);
    }

    private static NullPointerException thrownByCxfDestination() {
        NullPointerException npe = new NullPointerException("incomingObserver is null");
        npe.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.apache.cxf.transport.http.AbstractHTTPDestination", "invoke", null, 267)});
        return npe;
    }

    @Test
    public void aRequestWhoseDestinationShutDownUnderItIsDispatchedAgain() throws Exception {
        Recorded rec = new Recorded();
        AtomicInteger calls = new AtomicInteger();
        new RewireGapFilter().doFilter(REQUEST, rec.response(), (req, res) -> {
            if (calls.incrementAndGet() == 1) {
                throw new javax.servlet.ServletException(thrownByCxfDestination());
            }
            ((HttpServletResponse) res).setStatus(200);
        });
        assertEquals(2, calls.get());
        assertEquals(200, rec.status);
    }

    @Test(expected = IllegalStateException.class)
    public void otherFailuresAreNotRetried() throws Exception {
        new RewireGapFilter().doFilter(REQUEST, new Recorded().response(), (req, res) -> {
            throw new IllegalStateException("a fault of ours");
        });
    }

    @Test
    public void onlyCxfsDestinationFailureCounts() {
        assertEquals(true, RewireGapFilter.destinationShutDown(thrownByCxfDestination()));
        assertEquals(false, RewireGapFilter.destinationShutDown(new NullPointerException()));
        assertEquals(false, RewireGapFilter.destinationShutDown(new IllegalStateException()));
    }
}
