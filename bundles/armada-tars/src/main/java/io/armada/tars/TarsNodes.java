package io.armada.tars;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tars nodes: machines where an Armada node reports from, enabled for deployment, and the ports handed out on them
 * (SPEC §8, §10.4). Needs the agents area (to find a node by IP) and, for ports, the ports area; without them the
 * calls answer why.
 *
 * @since 1.0
 */
@ProviderType
public interface TarsNodes {

    /** Enables each IP for deployment when an Armada node reports from it; one result per IP, in order. */
    List<NodeResult> install(List<String> ips);

    /** Disables each IP (refused while servers are deployed there) and frees the ports reserved on it. */
    List<NodeResult> uninstall(List<String> ips);

    /**
     * One free port per node name given (a node named twice gets two), not used by any adapter or port allocation
     * there, and reserved with the ports area so that it is not handed out again.
     */
    List<PortOffer> autoPort(List<String> nodeNames);

    /** The installed tars nodes' IPs, sorted. */
    List<String> installed();
}
