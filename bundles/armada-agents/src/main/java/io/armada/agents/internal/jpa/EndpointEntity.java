package io.armada.agents.internal.jpa;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

/** Table AGENTS_ENDPOINT: an endpoint (a game, a service family) on an agent, unique per (agent, endpoint). */
@Entity
@Table(name = "AGENTS_ENDPOINT", indexes = @Index(name = "AGENTS_ENDPOINT_NAME", columnList = "ENDPOINT"))
@IdClass(EndpointEntity.Key.class)
public class EndpointEntity {
    @Id
    @Column(name = "AGENT_ID", nullable = false)
    long agentId;

    @Id
    @Column(name = "ENDPOINT", nullable = false, length = 64)
    String endpoint;

    public EndpointEntity() {
    }

    EndpointEntity(long agentId, String endpoint) {
        this.agentId = agentId;
        this.endpoint = endpoint;
    }

    /** Primary key class. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        long agentId;
        String endpoint;

        public Key() {
        }

        public Key(long agentId, String endpoint) {
            this.agentId = agentId;
            this.endpoint = endpoint;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.agentId == agentId && Objects.equals(k.endpoint, endpoint);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agentId, endpoint);
        }
    }
}
