package io.armada.monitor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's reports to the server (SPEC §6): every interval the two bodies of seed 003 (type {@code resource}
 * and {@code service}) to the target. The state survives restarts (kept in the node's data folder).
 *
 * @since 1.0
 */
@ProviderType
public interface Reporting {

    /** The current reporting state. @since 1.0 */
    ReportingState state();

    /** Stops reporting until {@link #resume()}; persisted. @since 1.0 */
    void pause();

    /** Reports again; persisted. @since 1.0 */
    void resume();

    /**
     * The seed's {@code TimerHandler update}: a new target address and/or node uuid; persisted.
     *
     * @param addr absolute http(s) URL the reports are posted to, or {@code null} to keep the current one
     * @param nodeUuid this node's id at the server, or {@code null} to keep the current one
     * @throws io.armada.core.ApiException 88888 when both are null or either is invalid
     * @since 1.0
     */
    void update(String addr, String nodeUuid);
}
