package io.armada.agents.internal.jpa;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Lob;
import javax.persistence.Table;

import io.armada.agents.internal.ResponseRow;

/**
 * Table AGENTS_RESPONSE (Goperation's {@code agentrespones} with its {@code responedetails} as JSON): one answer
 * per (request, agent), the primary key.
 */
@Entity
@Table(name = "AGENTS_RESPONSE")
@IdClass(ResponseEntity.Key.class)
public class ResponseEntity {
    @Id
    @Column(name = "REQUEST_ID", nullable = false, length = 36)
    String requestId;

    @Id
    @Column(name = "AGENT_ID", nullable = false)
    long agentId;

    @Column(name = "SERVER_TIME", nullable = false)
    long serverTime;

    @Column(name = "AGENT_TIME", nullable = false)
    long agentTime;

    @Column(name = "RESULTCODE", nullable = false)
    int resultcode;

    @Column(name = "RESULT", nullable = false, length = 1024)
    String result;

    /** JSON list of {detail_id, resultcode, result}, or null. */
    @Lob
    @Column(name = "DETAILS")
    String details;

    public ResponseEntity() {
    }

    static ResponseEntity fromDTO(ResponseRow r) {
        ResponseEntity e = new ResponseEntity();
        e.requestId = r.requestId();
        e.agentId = r.agentId();
        e.serverTime = r.serverTime();
        e.agentTime = r.agentTime();
        e.resultcode = r.resultcode();
        e.result = r.result();
        e.details = r.details();
        return e;
    }

    ResponseRow toDTO() {
        return new ResponseRow(requestId, agentId, serverTime, agentTime, resultcode, result, details);
    }

    /** Primary key class. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String requestId;
        long agentId;

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
