package io.armada.agents;

/**
 * Goperation's agent status codes (SPEC §7).
 *
 * @since 1.0
 */
public final class AgentStatus {
    /** Active: may get entities. */
    public static final int ACTIVE = 1;
    /** Inactive: the default of a new agent. */
    public static final int UNACTIVE = 0;
    /** Softly busy. */
    public static final int SOFTBUSY = -10;
    /** Initializing. */
    public static final int INITIALIZING = -20;
    /** Hard busy. */
    public static final int HARDBUSY = -30;
    /** Deleted: kept until cleaned. */
    public static final int DELETED = -127;

    private AgentStatus() {
    }

    /**
     * A readable name of a status code.
     *
     * @param status a status code
     * @return its name, or the number as text when unknown
     * @since 1.0
     */
    public static String name(int status) {
        return switch (status) {
            case ACTIVE -> "active";
            case UNACTIVE -> "inactive";
            case SOFTBUSY -> "softbusy";
            case INITIALIZING -> "initializing";
            case HARDBUSY -> "hardbusy";
            case DELETED -> "deleted";
            default -> Integer.toString(status);
        };
    }
}
