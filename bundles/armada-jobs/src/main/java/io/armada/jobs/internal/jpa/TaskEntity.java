package io.armada.jobs.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import io.armada.jobs.Task;

/**
 * Table JOBS_TASK: JOBX's task row, plus the job's steps as they were when the task was created (a job edited
 * meanwhile does not change a running task) and whether a stop was asked.
 */
@Entity
@Table(name = "JOBS_TASK", uniqueConstraints = @UniqueConstraint(name = "JOBS_TASK_UUID", columnNames = "UUID"),
        indexes = {@Index(name = "JOBS_TASK_PROJECT", columnList = "PROJECT_ID"),
                @Index(name = "JOBS_TASK_STATUS", columnList = "STATUS")})
public class TaskEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "PROJECT_ID", nullable = false)
    long projectId;

    @Column(name = "UUID", nullable = false, length = 64)
    String uuid;

    @Column(name = "NAME", nullable = false, length = 128)
    String name;

    @Column(name = "GROUP_NAME", nullable = false, length = 128)
    String group;

    @Column(name = "USER_NAME", nullable = false, length = 128)
    String user;

    @Column(name = "SLAVE", nullable = false, length = 128)
    String slave;

    @Column(name = "STATUS", nullable = false, length = 16)
    String status;

    @Column(name = "START_TIME", nullable = false)
    long startTime;

    @Column(name = "FINISH_TIME")
    Long finishTime;

    @Column(name = "CALLTYPE", nullable = false, length = 16)
    String calltype;

    @Column(name = "RUNTIME")
    Double runtime;

    @Lob
    @Column(name = "VARIABLE", nullable = false, length = 1048576)
    String variable;

    @Column(name = "REASON", nullable = false, length = 1024)
    String reason;

    @Lob
    @Column(name = "STEPS", nullable = false, length = 1048576)
    String steps;

    @Column(name = "STOPPED", nullable = false)
    boolean stopped;

    public TaskEntity() {
    }

    Task toDTO() {
        return new Task(id, projectId, uuid, name, group, user, slave, status, Instant.ofEpochMilli(startTime),
                finishTime == null ? null : Instant.ofEpochMilli(finishTime), calltype, runtime,
                JsonText.node(variable), reason);
    }
}
