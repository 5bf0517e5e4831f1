package io.armada.jobs.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import io.armada.jobs.LogEntry;

/** Table JOBS_LOG: a project's audit log. */
@Entity
@Table(name = "JOBS_LOG", indexes = @Index(name = "JOBS_LOG_PROJECT", columnList = "PROJECT_ID"))
public class LogEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "PROJECT_ID", nullable = false)
    long projectId;

    @Column(name = "USER_NAME", nullable = false, length = 128)
    String user;

    @Column(name = "INFO", nullable = false, length = 1024)
    String info;

    @Column(name = "CREATE_TIME", nullable = false)
    long createTime;

    public LogEntity() {
    }

    static LogEntity of(long projectId, String user, String info, Instant at) {
        LogEntity e = new LogEntity();
        e.projectId = projectId;
        e.user = user;
        e.info = info.length() > 1024 ? info.substring(0, 1024) : info;
        e.createTime = at.toEpochMilli();
        return e;
    }

    LogEntry toDTO() {
        return new LogEntry(id, user, info, Instant.ofEpochMilli(createTime));
    }
}
