package io.armada.agents.internal.store;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * Table AGENTS_RESPONSE (Goperation's {@code agentrespones} with its {@code responedetails} as JSON): one answer
 * per (request, agent), the primary key.
 */
@Entity
@Table(name = "AGENTS_RESPONSE")
@IdClass(ResponseRecord.Key.class)
public class ResponseRecord {
    @Id
    @Column(name = "REQUEST_ID", nullable = false, length = 36)
    public String requestId;

    @Id
    @Column(name = "AGENT_ID", nullable = false)
    public long agentId;

    @Column(name = "SERVER_TIME", nullable = false)
    public long serverTime;

    @Column(name = "AGENT_TIME", nullable = false)
    public long agentTime;

    @Column(name = "RESULTCODE", nullable = false)
    public int resultcode;

    @Column(name = "RESULT", nullable = false, length = 1024)
    public String result;

    /** JSON list of {detail_id, resultcode, result}, or null. */
    @Lob
    @Column(name = "DETAILS")
    public String details;

    /** Primary key class. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String requestId;
        public long agentId;

        public Key() {
        }

        public Key(String requestId, long agentId) {
            this.requestId = requestId;
            this.agentId = agentId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.agentId == agentId && Objects.equals(k.requestId, requestId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, agentId);
        }
    }
}
