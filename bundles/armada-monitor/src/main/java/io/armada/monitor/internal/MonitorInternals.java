package io.armada.monitor.internal;

/**
 * What {@link NodeControlImpl} needs from {@link MonitorNode} inside this bundle (a private service): the one
 * thread the monitor owns, for actions that must run after the answer has gone out, and a hint that the network
 * configuration changed.
 */
public interface MonitorInternals {

    /** Runs {@code action} on the monitor's thread after {@code delayMillis}. */
    void later(Runnable action, long delayMillis);

    /** Drops cached network figures (after an IP change). */
    void networkChanged();
}
