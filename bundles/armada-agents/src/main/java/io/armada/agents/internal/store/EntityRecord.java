package io.armada.agents.internal.store;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * Table AGENTS_ENTITY: an entity (an instance) of an endpoint; its number is unique per endpoint across all agents
 * (the primary key), as Goperation's {@code unique_entity(entity, endpoint)}.
 */
@Entity
@Table(name = "AGENTS_ENTITY", indexes = @Index(name = "AGENTS_ENTITY_AGENT", columnList = "AGENT_ID,ENDPOINT"))
@IdClass(EntityRecord.Key.class)
public class EntityRecord {
    @Id
    @Column(name = "ENDPOINT", nullable = false, length = 64)
    public String endpoint;

    @Id
    @Column(name = "ENTITY", nullable = false)
    public long entity;

    @Column(name = "AGENT_ID", nullable = false)
    public long agentId;

    @Column(name = "DESCR", length = 256)
    public String desc;

    /** Epoch seconds. */
    @Column(name = "CREATE_TIME", nullable = false)
    public long createTime;

    /** Primary key class. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String endpoint;
        public long entity;

        public Key() {
        }

        public Key(String endpoint, long entity) {
            this.endpoint = endpoint;
            this.entity = entity;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.entity == entity && Objects.equals(k.endpoint, endpoint);
        }

        @Override
        public int hashCode() {
            return Objects.hash(endpoint, entity);
        }
    }
}
