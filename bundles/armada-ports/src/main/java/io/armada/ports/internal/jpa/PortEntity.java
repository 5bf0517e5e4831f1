package io.armada.ports.internal.store;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * Table PORTS_ALLOCATION: the primary key (AGENT_ID, PORT) is what makes a port unique per agent, across every
 * server on the database.
 */
@Entity
@Table(name = "PORTS_ALLOCATION", indexes = @Index(name = "PORTS_ALLOCATION_OWNER", columnList = "AGENT_ID,ENDPOINT,ENTITY"))
@IdClass(PortRecord.Key.class)
public class PortRecord {
    @Id
    @Column(name = "AGENT_ID", nullable = false)
    public long agentId;

    @Id
    @Column(name = "PORT", nullable = false)
    public int port;

    @Column(name = "ENDPOINT", nullable = false, length = 64)
    public String endpoint;

    @Column(name = "ENTITY", nullable = false)
    public long entity;

    @Column(name = "PORT_DESC", length = 256)
    public String desc;

    /** Epoch seconds. */
    @Column(name = "ALLOCATED_AT", nullable = false)
    public long allocatedAt;

    public PortRecord() {
    }

    public PortRecord(long agentId, int port, String endpoint, long entity, String desc, long allocatedAt) {
        this.agentId = agentId;
        this.port = port;
        this.endpoint = endpoint;
        this.entity = entity;
        this.desc = desc;
        this.allocatedAt = allocatedAt;
    }

    /** Primary key class. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public long agentId;
        public int port;

        public Key() {
        }

        public Key(long agentId, int port) {
            this.agentId = agentId;
            this.port = port;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.agentId == agentId && k.port == port;
        }

        @Override
        public int hashCode() {
            return Objects.hash(agentId, port);
        }
    }
}
