package io.armada.core.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.armada.core.SharedTimer;

/**
 * The server's one {@code armada-timer} thread, behind every bundle's {@link BundleTimers}; a service only core's own
 * components see (its package is not exported). DS stops the bundles' instances before this one.
 */
@Component(service = TimerThread.class)
public class TimerThread {
    final SharedTimer timer = new SharedTimer("armada-timer");

    @Deactivate
    void stop() {
        timer.close();
    }
}
