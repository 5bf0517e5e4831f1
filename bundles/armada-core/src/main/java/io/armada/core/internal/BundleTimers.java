package io.armada.core.internal;

import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import io.armada.core.SharedTimer;
import io.armada.core.Timers;

/**
 * {@link Timers} for one bundle: the shared thread, and what this bundle scheduled cancelled when it lets go of the
 * service (an area stopped, upgraded or uninstalled leaves no task behind on the shared thread).
 */
@Component(service = Timers.class, scope = ServiceScope.BUNDLE)
public class BundleTimers implements Timers {
    private final SharedTimer.View view;

    @Activate
    public BundleTimers(@Reference TimerThread thread) {
        this.view = thread.timer.view();
    }

    @Override
    public Scheduled once(String what, Runnable task, long delay, TimeUnit unit) {
        return view.once(what, task, delay, unit);
    }

    @Override
    public Scheduled every(String what, Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return view.every(what, task, initialDelay, delay, unit);
    }

    @Deactivate
    void stop() {
        view.close();
    }
}
