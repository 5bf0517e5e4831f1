package io.armada.core.internal;

import io.armada.core.Dialect;
import io.armada.core.WireDialect;

/** The dialect of a resource class, read once per class from {@link WireDialect}. */
final class Dialects {
    private static final ClassValue<Dialect> BY_CLASS = new ClassValue<>() {
        @Override
        protected Dialect computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                WireDialect d = c.getAnnotation(WireDialect.class);
                if (d != null) {
                    return d.value();
                }
            }
            return Dialect.CORE;
        }
    };

    private Dialects() {
    }

    static Dialect of(Class<?> resourceClass) {
        return resourceClass == null ? Dialect.CORE : BY_CLASS.get(resourceClass);
    }
}
