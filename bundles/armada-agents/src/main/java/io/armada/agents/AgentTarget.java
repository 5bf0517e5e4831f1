package io.armada.agents;

/**
 * Where an agent's node answers HTTP: what a fan-out calls.
 *
 * @param agentId the agent
 * @param host its host name
 * @param ip the node's address, {@code null} when it never reported
 * @param port the node's HTTP port, {@code null} when it never reported
 * @param scheme how the server calls its nodes, {@code http} or {@code https} (the agents' {@code node.scheme}
 *        setting, from {@code ARMADA_NODE_SCHEME})
 * @since 1.0
 */
public record AgentTarget(long agentId, String host, String ip, Integer port, String scheme) {

    /** A target called over plain HTTP. */
    public AgentTarget(long agentId, String host, String ip, Integer port) {
        this(agentId, host, ip, port, "http");
    }

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
        return baseUrl(scheme == null ? "http" : scheme);
    }

    /**
     * The node's base URL with the given scheme, built with {@link java.net.URI}'s constructor (the address is a
     * literal checked at report time; it can add no path, user or port).
     *
     * @param scheme {@code http} or {@code https}
     * @return the URL without a trailing slash
     * @throws IllegalStateException when the node is not {@link #reachable()}
     * @throws IllegalArgumentException for another scheme, or an address that is not a host
     * @since 1.2
     */
    public String baseUrl(String scheme) {
        if (!reachable()) {
            throw new IllegalStateException("agent " + agentId + " has no known address");
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be http or https, not " + scheme);
        }
        String h = ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
        try {
            java.net.URI u = new java.net.URI(scheme, null, h, port, null, null, null);
            if (u.getHost() == null) {
                throw new IllegalArgumentException("not a host: " + ip);
            }
            return u.toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a host: " + ip, e);
        }
    }
}
