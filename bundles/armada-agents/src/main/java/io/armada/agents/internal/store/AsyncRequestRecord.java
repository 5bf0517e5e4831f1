package io.armada.agents.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;

/** Table AGENTS_ASYNC_REQUEST (Goperation's {@code asyncrequests}), plus the action and the target agents. */
@Entity
@Table(name = "AGENTS_ASYNC_REQUEST", indexes = {
    @Index(name = "AGENTS_ASYNC_REQUEST_TIME", columnList = "REQUEST_TIME"),
    @Index(name = "AGENTS_ASYNC_REQUEST_STATUS", columnList = "STATUS")})
public class AsyncRequestRecord {
    @Id
    @Column(name = "REQUEST_ID", nullable = false, length = 36)
    public String requestId;

    @Column(name = "REQ_ACTION", nullable = false, length = 64)
    public String action;

    @Column(name = "REQUEST_TIME", nullable = false)
    public long requestTime;

    @Column(name = "FINISHTIME", nullable = false)
    public long finishtime;

    @Column(name = "DEADLINE", nullable = false)
    public long deadline;

    @Column(name = "EXPIRE", nullable = false)
    public int expire;

    @Column(name = "STATUS", nullable = false)
    public int status;

    @Column(name = "RESULTCODE", nullable = false)
    public int resultcode;

    @Column(name = "RESULT", nullable = false, length = 256)
    public String result;

    /** JSON list of the target agent ids. */
    @Lob
    @Column(name = "TARGETS", nullable = false)
    public String targets;
}
