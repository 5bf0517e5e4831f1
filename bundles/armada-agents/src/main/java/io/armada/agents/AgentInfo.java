package io.armada.agents;

import java.util.List;

/**
 * One agent (a managed machine) as the server knows it.
 *
 * @param agentId the id
 * @param host the host name
 * @param agentType the agent type ({@code node} for agents created by node reports)
 * @param status see {@link AgentStatus}
 * @param cpu CPU count
 * @param memory memory in MiB
 * @param disk disk space in MiB
 * @param portsRange the {@code "down-up"} ranges ports are allocated from
 * @param endpoints the agent's endpoint names
 * @param createTime epoch seconds
 * @param nodeUuid the reporting node's uuid, {@code null} for agents created through the API
 * @param ip the node's address from its last report, {@code null} when it never reported
 * @param port the node's HTTP port from its last report, {@code null} when it never reported
 * @param online whether the node reported within the online window
 * @param lastReport epoch seconds of the last report known, {@code null} when never
 * @since 1.0
 */
public record AgentInfo(long agentId, String host, String agentType, int status, int cpu, long memory, long disk,
        List<String> portsRange, List<String> endpoints, long createTime, String nodeUuid, String ip, Integer port,
        boolean online, Long lastReport) {
}
