package io.armada.tars.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * Table TARS_NODE: the IPs enabled for deployment, each with its agent and the agents entity (endpoint
 * {@code tars}) that owns the ports {@code auto_port} reserved there.
 */
@Entity
@Table(name = "TARS_NODE")
public class NodeEntity {
    @Id
    @Column(name = "IP", length = 64)
    String ip;

    @Column(name = "AGENT_ID", nullable = false)
    long agentId;

    @Column(name = "ENTITY_NO", nullable = false)
    long entity;

    @Column(name = "INSTALLED", nullable = false)
    long installed;

    public NodeEntity() {
    }
}
