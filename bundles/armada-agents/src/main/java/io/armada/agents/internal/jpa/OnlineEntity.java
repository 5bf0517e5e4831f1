package io.armada.agents.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * Table AGENTS_ONLINE, one row per agent that reported: its online state as the server that took its last report
 * shares it with the other servers on the same database (written and read every few seconds, never on the report
 * path). Times are epoch milliseconds of the writing server.
 */
@Entity
@Table(name = "AGENTS_ONLINE", indexes = @Index(name = "AGENTS_ONLINE_SEEN", columnList = "SEEN_MS"))
public class OnlineEntity {
    @Id
    @Column(name = "AGENT_ID")
    long agentId;

    @Column(name = "SEEN_MS", nullable = false)
    long seenMillis;

    @Column(name = "EXPIRES_MS", nullable = false)
    long expiresMillis;

    /** The server that wrote it. */
    @Column(name = "WRITER", length = 200)
    String writer;

    /** The last resource report, JSON. */
    @Lob
    @Column(name = "METADATA")
    String metadata;

    /** The last service states, JSON. */
    @Lob
    @Column(name = "SERVICES")
    String services;

    public OnlineEntity() {
    }
}
