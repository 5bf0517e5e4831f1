package io.armada.core.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hides the moment in which the JAX-RS whiteboard rebuilds its application. Every resource that comes or goes makes
 * Aries tear the application's CXF server down and build a new one; for that moment (tens of milliseconds) CXF finds
 * no destination and answers any request with {@code 404 <html><body>No service was found.</body></html>}. Live
 * bundle swaps are what Armada is for, so a request that meets that answer is held back and dispatched again, with
 * a short back-off, until the new server answers or {@link #MAX_WAIT_NANOS} passed. CXF has not read the request
 * body when it finds no destination, so dispatching again is safe.
 * <p>
 * Everything else passes through: only a 404 whose body goes through {@code getWriter()} is held (CXF's JAX-RS
 * answers, ours included, write through the output stream), and only until the body is known.
 * <p>
 * Being the filter in front of CXF, it also tells CXF that a request without a body has none ({@link BodilessRequest}).
 * <p>
 * Asynchronous requests (a JAX-RS {@code @Suspended AsyncResponse}) pass through: the filter is registered
 * async-supported, and once the chain returns with {@code request.isAsyncStarted()} the answer is written later
 * (CXF's resumed dispatch, which does not pass through this REQUEST filter again) through the same response wrapper,
 * which then holds nothing back; such a request is never dispatched again.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=armada-rewire-gap",
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.asyncSupported:Boolean=true",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)"})
public class RewireGapFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RewireGapFilter.class);

    static final String NO_SERVICE = "No service was found.";
    static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final long maxWaitNanos;

    public RewireGapFilter() {
        this(MAX_WAIT_NANOS);
    }

    RewireGapFilter(long maxWaitNanos) {
        this.maxWaitNanos = maxWaitNanos;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        request = BodilessRequest.of(request);
        long start = System.nanoTime();
        long backoffMillis = 5;
        for (int attempt = 1;; attempt++) {
            HoldingResponse held = new HoldingResponse(http, request);
            boolean overtime;
            try {
                chain.doFilter(request, held);
                if (request.isAsyncStarted()) {
                    // the resource answers later, through `held`: from now on it holds nothing back
                    held.passThrough();
                    return;
                }
                overtime = System.nanoTime() - start > maxWaitNanos;
            } catch (ServletException | RuntimeException e) {
                // the other form of the same moment: the destination was found, then shut down under the request
                overtime = System.nanoTime() - start > maxWaitNanos;
                if (!destinationShutDown(e) || http.isCommitted() || overtime || request.isAsyncStarted()) {
                    throw e;
                }
                held = null;
            }
            if (held != null && (!held.noDestination() || overtime)) {
                held.release();
                if (attempt > 1) {
                    LOG.debug("Dispatched {} times while the JAX-RS application was rebuilt", attempt);
                }
                return;
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (held != null) {
                    held.release();
                }
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, 100);
        }
    }

    /**
     * Whether the failure is CXF's HTTP destination torn down while it took the request: its message observer is
     * gone, so it fails before reading anything ({@code NullPointerException} thrown by
     * {@code AbstractHTTPDestination.invoke}).
     */
    static boolean destinationShutDown(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < 4; depth++, cur = cur.getCause()) {
            if (cur instanceof NullPointerException npe) {
                StackTraceElement[] st = npe.getStackTrace();
                return st.length > 0 && st[0].getClassName().startsWith("org.apache.cxf.transport.http.AbstractHTTPDestination")
                        && "invoke".equals(st[0].getMethodName());
            }
        }
        return false;
    }

    /**
     * Holds back a 404 (status, content type, writer text) until it is known whether it is CXF's "no service"; holds
     * nothing once the request went asynchronous (its answer may be written on another thread, after the filter
     * returned).
     */
    static final class HoldingResponse extends HttpServletResponseWrapper {
        private final HttpServletResponse target;
        private final ServletRequest request;
        private volatile boolean passThrough;
        private boolean held404;
        private String heldType;
        private StringWriter heldText;
        private PrintWriter heldWriter;

        HoldingResponse(HttpServletResponse target, ServletRequest request) {
            super(target);
            this.target = target;
            this.request = request;
        }

        /** Sends what was held and holds nothing more: the request went asynchronous. */
        void passThrough() throws IOException {
            passThrough = true;
            release();
        }

        boolean noDestination() {
            if (!held404 || heldText == null) {
                return false;
            }
            heldWriter.flush();
            return heldText.toString().contains(NO_SERVICE);
        }

        /** Sends what was held to the real response. */
        void release() throws IOException {
            if (!held404) {
                return;
            }
            held404 = false;
            target.setStatus(HttpServletResponse.SC_NOT_FOUND);
            if (heldType != null) {
                target.setContentType(heldType);
            }
            if (heldText != null) {
                heldWriter.flush();
                target.getWriter().write(heldText.toString());
            }
        }

        @Override
        public void setStatus(int sc) {
            if (sc == HttpServletResponse.SC_NOT_FOUND && !isCommitted() && !passThrough
                    && !request.isAsyncStarted()) {
                held404 = true;
            } else {
                held404 = false;
                super.setStatus(sc);
            }
        }

        @Override
        public int getStatus() {
            return held404 ? HttpServletResponse.SC_NOT_FOUND : super.getStatus();
        }

        @Override
        public void setContentType(String type) {
            if (held404) {
                heldType = type;
            } else {
                super.setContentType(type);
            }
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (held404) {
                if (heldWriter == null) {
                    heldText = new StringWriter();
                    heldWriter = new PrintWriter(heldText);
                }
                return heldWriter;
            }
            return super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (held404 && heldText == null) {
                release();
            }
            return super.getOutputStream();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (held404 && heldText == null) {
                release();
            }
            super.flushBuffer();
        }
    }
}
