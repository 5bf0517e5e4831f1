package io.armada.httpguard;

import java.util.Dictionary;
import java.util.Hashtable;

import org.eclipse.jetty.server.Handler;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Registers {@link StartingHealthHandler} as a Jetty {@link Handler} service. Pax Web 8 (pax-web-jetty) puts a Handler
 * service with a ranking above 0 in front of every servlet context; one registered after Jetty started makes Pax Web
 * restart Jetty, so this bundle starts at a lower start level than pax-web-jetty (features: armada-jaxrs) and the
 * handler is in place before the HTTP port opens.
 * <p>
 * Core registers a service with {@value #CORE_HEALTH_PROPERTY}{@code =live} while its {@code /health} route is live;
 * until then (and again while core is stopped) the handler answers {@code /health} itself.
 */
public final class Activator implements BundleActivator {
    /** Service property core sets on its marker service while it serves {@code /health}. */
    public static final String CORE_HEALTH_PROPERTY = "armada.health";

    private ServiceTracker<Object, Object> coreHealth;
    private ServiceRegistration<Handler> registration;

    @Override
    public void start(BundleContext context) throws Exception {
        coreHealth = new ServiceTracker<>(context, context.createFilter("(" + CORE_HEALTH_PROPERTY + "=live)"), null);
        coreHealth.open(true);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 1000);
        props.put(Constants.SERVICE_DESCRIPTION, "Armada: /health answers STARTING until core serves it");
        ServiceTracker<Object, Object> tracker = coreHealth;
        registration = context.registerService(Handler.class,
                new StartingHealthHandler(() -> !tracker.isEmpty(), System.getProperty("armada.role", "server")),
                props);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (coreHealth != null) {
            coreHealth.close();
            coreHealth = null;
        }
    }
}
