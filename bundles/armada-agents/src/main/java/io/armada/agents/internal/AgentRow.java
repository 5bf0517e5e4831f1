package io.armada.agents.internal;

/**
 * One agent as the database holds it (table AGENTS_AGENT), as a value: the DAOs hand these out and take changes as
 * functions from one row to the next, so no mutable entity leaves {@code internal/jpa}.
 *
 * @param agentId {@code null} until created
 * @param memory MiB
 * @param disk MiB
 * @param portsRange JSON list of "down-up" strings
 * @param createTime epoch seconds
 * @param lastReport epoch seconds of the last report written by a server, {@code null} when none
 */
public record AgentRow(Long agentId, String host, String agentType, int status, int cpu, long memory, long disk,
        String portsRange, long createTime, String nodeUuid, String ip, Integer nodePort, Long lastReport) {

    public AgentRow withHost(String value) {
        return new AgentRow(agentId, value, agentType, status, cpu, memory, disk, portsRange, createTime, nodeUuid, ip,
                nodePort, lastReport);
    }

    public AgentRow withAgentType(String value) {
        return new AgentRow(agentId, host, value, status, cpu, memory, disk, portsRange, createTime, nodeUuid, ip,
                nodePort, lastReport);
    }

    public AgentRow withStatus(int value) {
        return new AgentRow(agentId, host, agentType, value, cpu, memory, disk, portsRange, createTime, nodeUuid, ip,
                nodePort, lastReport);
    }

    public AgentRow withCpu(int value) {
        return new AgentRow(agentId, host, agentType, status, value, memory, disk, portsRange, createTime, nodeUuid, ip,
                nodePort, lastReport);
    }

    public AgentRow withMemory(long value) {
        return new AgentRow(agentId, host, agentType, status, cpu, value, disk, portsRange, createTime, nodeUuid, ip,
                nodePort, lastReport);
    }

    public AgentRow withDisk(long value) {
        return new AgentRow(agentId, host, agentType, status, cpu, memory, value, portsRange, createTime, nodeUuid, ip,
                nodePort, lastReport);
    }

    public AgentRow withPortsRange(String value) {
        return new AgentRow(agentId, host, agentType, status, cpu, memory, disk, value, createTime, nodeUuid, ip,
                nodePort, lastReport);
    }

    /** Where the node answers. */
    public AgentRow withAddress(String newIp, Integer newPort) {
        return new AgentRow(agentId, host, agentType, status, cpu, memory, disk, portsRange, createTime, nodeUuid,
                newIp, newPort, lastReport);
    }
}
