package io.armada.tars.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** Table TARS_TASK (TarsWeb's {@code t_task}): one row per {@code add_task}. Times are epoch milliseconds. */
@Entity
@Table(name = "TARS_TASK", indexes = {@Index(name = "TARS_TASK_STATUS", columnList = "STATUS"),
    @Index(name = "TARS_TASK_TIME", columnList = "CREATE_TIME")})
public class TaskEntity {
    @Id
    @Column(name = "TASK_NO", length = 32)
    String taskNo;

    @Column(name = "SERIAL", nullable = false)
    boolean serial;

    @Column(name = "STATUS", nullable = false)
    int status;

    @Column(name = "CREATE_TIME", nullable = false)
    long createTime;

    @Column(name = "END_TIME")
    Long endTime;

    @Column(name = "USER_NAME", nullable = false, length = 64)
    String userName;

    /** The server that runs it (several servers on one database); {@code null} in rows older than owners. */
    @Column(name = "OWNER", length = 200)
    String owner;

    public TaskEntity() {
    }
}
