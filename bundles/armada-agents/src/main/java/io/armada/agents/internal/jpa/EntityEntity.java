package io.armada.agents.internal.jpa;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

import io.armada.agents.internal.EntityRow;

/**
 * Table AGENTS_ENTITY: an entity (an instance) of an endpoint; its number is unique per endpoint across all agents
 * (the primary key), as Goperation's {@code unique_entity(entity, endpoint)}. (An "entity" of Goperation, stored
 * through a JPA entity, hence the name.)
 */
@Entity
@Table(name = "AGENTS_ENTITY", indexes = @Index(name = "AGENTS_ENTITY_AGENT", columnList = "AGENT_ID,ENDPOINT"))
@IdClass(EntityEntity.Key.class)
public class EntityEntity {
    @Id
    @Column(name = "ENDPOINT", nullable = false, length = 64)
    String endpoint;

    @Id
    @Column(name = "ENTITY", nullable = false)
    long entity;

    @Column(name = "AGENT_ID", nullable = false)
    long agentId;

    @Column(name = "DESCR", length = 256)
    String desc;

    /** Epoch seconds. */
    @Column(name = "CREATE_TIME", nullable = false)
    long createTime;

    public EntityEntity() {
    }

    EntityRow toDTO() {
        return new EntityRow(endpoint, entity, agentId, desc, createTime);
    }

    /** Primary key class. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String endpoint;
        long entity;

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
