package io.armada.ports.internal.jpa;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

import io.armada.ports.PortAllocation;

/**
 * Table PORTS_ALLOCATION: the primary key (AGENT_ID, PORT) is what makes a port unique per agent, across every
 * server on the database. Never leaves {@link JpaPortsDao}; callers get {@link PortAllocation}s.
 */
@Entity
@Table(name = "PORTS_ALLOCATION", indexes = @Index(name = "PORTS_ALLOCATION_OWNER", columnList = "AGENT_ID,ENDPOINT,ENTITY"))
@IdClass(PortEntity.Key.class)
public class PortEntity {
    @Id
    @Column(name = "AGENT_ID", nullable = false)
    long agentId;

    @Id
    @Column(name = "PORT", nullable = false)
    int port;

    @Column(name = "ENDPOINT", nullable = false, length = 64)
    String endpoint;

    @Column(name = "ENTITY", nullable = false)
    long entity;

    @Column(name = "PORT_DESC", length = 256)
    String desc;

    /** Epoch seconds. */
    @Column(name = "ALLOCATED_AT", nullable = false)
    long allocatedAt;

    public PortEntity() {
    }

    PortEntity(long agentId, int port, String endpoint, long entity, String desc, long allocatedAt) {
        this.agentId = agentId;
        this.port = port;
        this.endpoint = endpoint;
        this.entity = entity;
        this.desc = desc;
        this.allocatedAt = allocatedAt;
    }

    PortAllocation toDTO() {
        return new PortAllocation(agentId, port, endpoint, entity, desc);
    }

    /** Primary key class. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        long agentId;
        int port;

        public Key() {
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
