package io.armada.agents.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import io.armada.agents.AgentStatus;
import io.armada.agents.internal.AgentRow;

/**
 * Table AGENTS_AGENT, one row per agent (Goperation's {@code agents}). ACTIVE_HOST is HOST while the agent is live
 * and NULL once deleted: its unique constraint is what keeps host names unique among live agents, on every server
 * of the database. NODE_UUID (unique) ties an agent to the node that reports for it.
 */
@Entity
@Table(name = "AGENTS_AGENT", indexes = {@Index(name = "AGENTS_AGENT_HOST", columnList = "HOST"),
    @Index(name = "AGENTS_AGENT_IP", columnList = "IP")})
public class AgentEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "AGENT_ID")
    Long agentId;

    @Column(name = "HOST", nullable = false, length = 128)
    String host;

    @Column(name = "ACTIVE_HOST", unique = true, length = 128)
    String activeHost;

    @Column(name = "AGENT_TYPE", nullable = false, length = 64)
    String agentType;

    @Column(name = "STATUS", nullable = false)
    int status;

    @Column(name = "CPU", nullable = false)
    int cpu;

    /** MiB. */
    @Column(name = "MEMORY", nullable = false)
    long memory;

    /** MiB. */
    @Column(name = "DISK", nullable = false)
    long disk;

    /** JSON list of "down-up" strings. */
    @Column(name = "PORTS_RANGE", nullable = false, length = 1024)
    String portsRange;

    /** Epoch seconds. */
    @Column(name = "CREATE_TIME", nullable = false)
    long createTime;

    @Column(name = "NODE_UUID", unique = true, length = 64)
    String nodeUuid;

    @Column(name = "IP", length = 64)
    String ip;

    @Column(name = "NODE_PORT")
    Integer nodePort;

    /** Epoch seconds of the last report written (periodically) by a server. */
    @Column(name = "LAST_REPORT")
    Long lastReport;

    public AgentEntity() {
    }

    /** A new row (not yet persisted) from a value; ACTIVE_HOST follows HOST. */
    static AgentEntity fromDTO(AgentRow r) {
        AgentEntity a = new AgentEntity();
        a.createTime = r.createTime();
        a.nodeUuid = r.nodeUuid();
        a.lastReport = r.lastReport();
        a.assign(r);
        return a;
    }

    /** Takes the columns a change may set; ACTIVE_HOST is HOST while live and NULL once deleted. */
    void assign(AgentRow r) {
        host = r.host();
        agentType = r.agentType();
        status = r.status();
        cpu = r.cpu();
        memory = r.memory();
        disk = r.disk();
        portsRange = r.portsRange();
        ip = r.ip();
        nodePort = r.nodePort();
        activeHost = status > AgentStatus.DELETED ? host : null;
    }

    AgentRow toDTO() {
        return new AgentRow(agentId, host, agentType, status, cpu, memory, disk, portsRange, createTime, nodeUuid, ip,
                nodePort, lastReport);
    }
}
