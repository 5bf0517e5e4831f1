package io.armada.agents;

/**
 * Where an agent's node answers HTTP: what a fan-out calls.
 *
 * @param agentId the agent
 * @param host its host name
 * @param ip the node's address, {@code null} when it never reported
 * @param port the node's HTTP port, {@code null} when it never reported
 * @since 1.0
 */
public record AgentTarget(long agentId, String host, String ip, Integer port) {

    /**
     * Whether the node can be called.
     *
     * @return {@code true} when address and port are known
     * @since 1.0
     */
    public boolean reachable() {
        return ip != null && !ip.isBlank() && port != null && port > 0;
    }

    /**
     * The node's base URL, e.g. {@code http://10.0.0.5:50002}.
     *
     * @return the URL without a trailing slash
     * @throws IllegalStateException when the node is not {@link #reachable()}
     * @since 1.0
     */
    public String baseUrl() {
        if (!reachable()) {
            throw new IllegalStateException("agent " + agentId + " has no known address");
        }
        String h = ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
        return "http://" + h + ":" + port;
    }
}
