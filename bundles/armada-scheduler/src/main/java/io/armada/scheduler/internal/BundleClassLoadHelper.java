package io.armada.scheduler.internal;

import java.io.InputStream;
import java.net.URL;

import org.quartz.spi.ClassLoadHelper;

/**
 * How Quartz loads classes by name inside OSGi: first this bundle's class loader (our job class, whose name the
 * JDBC store keeps), then Quartz's own (its job store, delegate and trigger classes). Quartz's default helpers try
 * the thread's context class loader, which in Karaf is neither.
 */
public final class BundleClassLoadHelper implements ClassLoadHelper {
    private final ClassLoader ours = BundleClassLoadHelper.class.getClassLoader();
    private final ClassLoader quartz = org.quartz.Scheduler.class.getClassLoader();

    @Override
    public void initialize() {
        // nothing to prepare
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        try {
            return ours.loadClass(name);
        } catch (ClassNotFoundException e) {
            return quartz.loadClass(name);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Class<? extends T> loadClass(String name, Class<T> clazz) throws ClassNotFoundException {
        return (Class<? extends T>) loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        URL u = ours.getResource(name);
        return u != null ? u : quartz.getResource(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        InputStream in = ours.getResourceAsStream(name);
        return in != null ? in : quartz.getResourceAsStream(name);
    }

    @Override
    public ClassLoader getClassLoader() {
        return ours;
    }
}
