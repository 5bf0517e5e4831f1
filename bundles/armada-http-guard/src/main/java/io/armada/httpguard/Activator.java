package io.armada.httpguard;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Supplier;

import org.eclipse.jetty.server.HttpConfiguration;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Registers {@link StartingHealth} as a Jetty {@link HttpConfiguration.Customizer} service, which Pax Web 8
 * (pax-web-jetty) adds to the HTTP connector of the running Jetty, or of the Jetty it is about to build, without
 * restarting it (a Jetty Handler service would make it restart Jetty).
 * <p>
 * The customizer is registered exactly while pax-web-jetty's {@code ServerControllerFactory} is: pax-web-jetty 8.0.34
 * opens its customizer tracker before it makes that factory, so a customizer that already exists when it starts
 * (at boot, or when a refresh restarts it) makes its start fail. Registering from inside the factory's registration
 * event puts the customizer in place before pax-web builds and starts Jetty on another thread. This bundle starts at
 * level 29, before pax-web (30), so the tracker is open by then (features: armada-jaxrs).
 * <p>
 * Core registers a {@code java.util.function.Supplier} with {@value #CORE_HEALTH_PROPERTY}{@code =core} that gives
 * its {@code /health} answer; while it exists the customizer answers {@code /health} with it, before the request
 * reaches a servlet, so a whiteboard rebuilding its routes never shows through. Without it: 503 STARTING.
 */
public final class Activator implements BundleActivator {
    /** Service property of core's health supplier. */
    public static final String CORE_HEALTH_PROPERTY = "armada.health";
    static final String FACTORY = "org.ops4j.pax.web.service.spi.ServerControllerFactory";

    private BundleContext context;
    private ServiceTracker<Object, Object> coreHealth;
    private ServiceTracker<Object, Object> factories;
    private StartingHealth customizer;
    private ServiceRegistration<HttpConfiguration.Customizer> registration;
    private int factoryCount;

    @Override
    public void start(BundleContext ctx) throws Exception {
        context = ctx;
        coreHealth = new ServiceTracker<>(ctx, ctx.createFilter("(&(" + Constants.OBJECTCLASS + "="
                + Supplier.class.getName() + ")(" + CORE_HEALTH_PROPERTY + "=core))"), null);
        coreHealth.open(true);
        ServiceTracker<Object, Object> health = coreHealth;
        customizer = new StartingHealth(() -> health.getService() instanceof Supplier<?> s ? s : null,
                System.getProperty("armada.role", "server"));
        factories = new ServiceTracker<>(ctx, ctx.createFilter("(" + Constants.OBJECTCLASS + "=" + FACTORY + ")"),
                new ServiceTrackerCustomizer<>() {
                    @Override
                    public Object addingService(ServiceReference<Object> reference) {
                        factoryAppeared();
                        return reference;
                    }

                    @Override
                    public void modifiedService(ServiceReference<Object> reference, Object service) {
                    }

                    @Override
                    public void removedService(ServiceReference<Object> reference, Object service) {
                        factoryGone();
                    }
                });
        factories.open(true);
    }

    private synchronized void factoryAppeared() {
        factoryCount++;
        if (registration == null && context != null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_DESCRIPTION, "Armada: /health answers JSON from the moment HTTP listens");
            registration = context.registerService(HttpConfiguration.Customizer.class, customizer, props);
        }
    }

    private synchronized void factoryGone() {
        factoryCount--;
        if (factoryCount <= 0) {
            factoryCount = 0;
            unregister();
        }
    }

    private synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // this bundle is stopping
            }
            registration = null;
        }
    }

    @Override
    public void stop(BundleContext ctx) {
        if (factories != null) {
            factories.close();
            factories = null;
        }
        unregister();
        synchronized (this) {
            context = null;
        }
        if (coreHealth != null) {
            coreHealth.close();
            coreHealth = null;
        }
    }
}
