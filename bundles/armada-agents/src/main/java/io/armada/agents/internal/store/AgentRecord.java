package io.armada.agents.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * Table AGENTS_AGENT, one row per agent (Goperation's {@code agents}). ACTIVE_HOST is HOST while the agent is live
 * and NULL once deleted: its unique constraint is what keeps host names unique among live agents, on every server
 * of the database. NODE_UUID (unique) ties an agent to the node that reports for it.
 */
@Entity
@Table(name = "AGENTS_AGENT", indexes = {@Index(name = "AGENTS_AGENT_HOST", columnList = "HOST"),
    @Index(name = "AGENTS_AGENT_IP", columnList = "IP")})
public class AgentRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "AGENT_ID")
    public Long agentId;

    @Column(name = "HOST", nullable = false, length = 128)
    public String host;

    @Column(name = "ACTIVE_HOST", unique = true, length = 128)
    public String activeHost;

    @Column(name = "AGENT_TYPE", nullable = false, length = 64)
    public String agentType;

    @Column(name = "STATUS", nullable = false)
    public int status;

    @Column(name = "CPU", nullable = false)
    public int cpu;

    /** MiB. */
    @Column(name = "MEMORY", nullable = false)
    public long memory;

    /** MiB. */
    @Column(name = "DISK", nullable = false)
    public long disk;

    /** JSON list of "down-up" strings. */
    @Column(name = "PORTS_RANGE", nullable = false, length = 1024)
    public String portsRange;

    /** Epoch seconds. */
    @Column(name = "CREATE_TIME", nullable = false)
    public long createTime;

    @Column(name = "NODE_UUID", unique = true, length = 64)
    public String nodeUuid;

    @Column(name = "IP", length = 64)
    public String ip;

    @Column(name = "NODE_PORT")
    public Integer nodePort;

    /** Epoch seconds of the last report written (periodically) by a server. */
    @Column(name = "LAST_REPORT")
    public Long lastReport;
}
