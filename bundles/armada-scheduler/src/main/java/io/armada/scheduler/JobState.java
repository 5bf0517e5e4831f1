package io.armada.scheduler;

/**
 * Where a job stands.
 *
 * @since 1.0
 */
public enum JobState {
    /** It fires when due. */
    ACTIVE,
    /** Stopped: it does not fire until started again. */
    STOPPED,
    /** Every fire it was given has happened (or its cron has no next time). */
    FINISHED;

    /** The wire name: {@code active}, {@code stopped}, {@code finished}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
