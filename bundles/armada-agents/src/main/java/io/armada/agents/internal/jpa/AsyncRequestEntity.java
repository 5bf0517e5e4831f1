package io.armada.agents.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;

import io.armada.agents.internal.AsyncRequestRow;

/** Table AGENTS_ASYNC_REQUEST (Goperation's {@code asyncrequests}), plus the action and the target agents. */
@Entity
@Table(name = "AGENTS_ASYNC_REQUEST", indexes = {
    @Index(name = "AGENTS_ASYNC_REQUEST_TIME", columnList = "REQUEST_TIME"),
    @Index(name = "AGENTS_ASYNC_REQUEST_STATUS", columnList = "STATUS")})
public class AsyncRequestEntity {
    @Id
    @Column(name = "REQUEST_ID", nullable = false, length = 36)
    String requestId;

    @Column(name = "REQ_ACTION", nullable = false, length = 64)
    String action;

    @Column(name = "REQUEST_TIME", nullable = false)
    long requestTime;

    @Column(name = "FINISHTIME", nullable = false)
    long finishtime;

    @Column(name = "DEADLINE", nullable = false)
    long deadline;

    @Column(name = "EXPIRE", nullable = false)
    int expire;

    @Column(name = "STATUS", nullable = false)
    int status;

    @Column(name = "RESULTCODE", nullable = false)
    int resultcode;

    @Column(name = "RESULT", nullable = false, length = 256)
    String result;

    /** JSON list of the target agent ids. */
    @Lob
    @Column(name = "TARGETS", nullable = false)
    String targets;

    /** The server that sent it and finishes it (several servers on one database); {@code null} in older rows. */
    @Column(name = "OWNER", length = 200)
    String owner;

    public AsyncRequestEntity() {
    }

    static AsyncRequestEntity fromDTO(AsyncRequestRow r) {
        AsyncRequestEntity e = new AsyncRequestEntity();
        e.requestId = r.requestId();
        e.action = r.action();
        e.requestTime = r.requestTime();
        e.finishtime = r.finishtime();
        e.deadline = r.deadline();
        e.expire = r.expire();
        e.status = r.status();
        e.resultcode = r.resultcode();
        e.result = r.result();
        e.targets = r.targets();
        return e;
    }

    AsyncRequestRow toDTO() {
        return new AsyncRequestRow(requestId, action, requestTime, finishtime, deadline, expire, status, resultcode,
                result, targets);
    }
}
