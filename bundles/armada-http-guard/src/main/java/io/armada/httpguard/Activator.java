package io.armada.httpguard;

import java.util.Dictionary;
import java.util.Hashtable;

import org.eclipse.jetty.server.HttpConfiguration;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Registers {@link StartingHealth} as a Jetty {@link HttpConfiguration.Customizer} service, which Pax Web 8
 * (pax-web-jetty) adds to the HTTP connector of the running Jetty, or of the Jetty it is about to build, without
 * restarting it (a Jetty Handler service would make it restart Jetty). pax-web-jetty fails to start when such a
 * service exists before it (8.0.34 opens its trackers before it makes its factory), so this bundle starts at level
 * 31, just after pax-web (30), and before the whiteboards and every area (features: armada-jaxrs).
 * <p>
 * Core registers a service with {@value #CORE_HEALTH_PROPERTY}{@code =live} while its {@code /health} route is live;
 * until then (and again while core is stopped) the handler answers {@code /health} itself.
 */
public final class Activator implements BundleActivator {
    /** Service property core sets on its marker service while it serves {@code /health}. */
    public static final String CORE_HEALTH_PROPERTY = "armada.health";

    private ServiceTracker<Object, Object> coreHealth;
    private ServiceRegistration<HttpConfiguration.Customizer> registration;

    @Override
    public void start(BundleContext context) throws Exception {
        coreHealth = new ServiceTracker<>(context, context.createFilter("(" + CORE_HEALTH_PROPERTY + "=live)"), null);
        coreHealth.open(true);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 1000);
        props.put(Constants.SERVICE_DESCRIPTION, "Armada: /health answers STARTING until core serves it");
        ServiceTracker<Object, Object> tracker = coreHealth;
        registration = context.registerService(HttpConfiguration.Customizer.class,
                new StartingHealth(() -> !tracker.isEmpty(), System.getProperty("armada.role", "server")),
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
