package io.armada.core.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the HTTP guard (bundle armada-http-guard, a Jetty customizer in place as the port opens) whether core's
 * {@code GET /health} route is live: a marker service with {@code armada.health=live} is registered while it is.
 * Until then the guard answers {@code /health} with {@code 503 STARTING}. Checked off the service-event thread, since
 * reading the JAX-RS runtime's description while the whiteboard changes it could wait on the whiteboard.
 */
final class HealthMarker {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMarker.class);
    static final String PROPERTY = "armada.health";

    private final BundleContext context;
    private final BooleanSupplier live;
    private final AtomicBoolean pending = new AtomicBoolean();
    private ServiceRegistration<?> registration;
    private boolean closed;

    private final Executor checks;

    HealthMarker(BundleContext context, BooleanSupplier live, Executor checks) {
        this.context = context;
        this.live = live;
        this.checks = checks;
    }

    /** Checks again soon (coalesced: one check runs for any number of calls made meanwhile). */
    void recheck() {
        if (pending.compareAndSet(false, true)) {
            checks.execute(() -> {
                pending.set(false);
                update();
            });
        }
    }

    synchronized void update() {
        if (closed) {
            return;
        }
        boolean now;
        try {
            now = live.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.debug("Could not tell whether /health is live", e);
            now = false;
        }
        try {
            if (now && registration == null) {
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(PROPERTY, "live");
                registration = context.registerService(Object.class.getName(), new Object(), props);
            }
            // once live, the marker stays until core stops or the JAX-RS runtime goes (withdraw): a whiteboard
            // rebuild in between is covered by RewireGapFilter, and /health must not flap to STARTING meanwhile
        } catch (IllegalStateException stopping) {
            registration = null;
        }
    }

    /** The JAX-RS runtime went away: {@code /health} is not served until it comes back. */
    synchronized void withdraw() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }

    synchronized void close() {
        closed = true;
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }
}
