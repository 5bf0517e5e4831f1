package io.armada.jobs.internal.jpa;

import java.time.Instant;
import java.util.Arrays;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import io.armada.jobs.Subtask;

/**
 * Table JOBS_SUBTASK: one batch of a task (JOBX's subtask row) and where it is in the job's steps: {@code STEP} the
 * step it is at, {@code STEP_STATE} empty (not sent yet), {@code sending} (being handed to the agents area) or
 * {@code sent} (the async request {@code REQUEST_ID} runs it), {@code RUN_ID} the server run that sent it.
 */
@Entity
@Table(name = "JOBS_SUBTASK", uniqueConstraints = @UniqueConstraint(name = "JOBS_SUBTASK_UUID", columnNames = "UUID"),
        indexes = @Index(name = "JOBS_SUBTASK_PARENT", columnList = "PARENT_UUID"))
public class SubtaskEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "PARENT_UUID", nullable = false, length = 64)
    String parentUuid;

    @Column(name = "UUID", nullable = false, length = 64)
    String uuid;

    @Column(name = "SEQ", nullable = false)
    int seq;

    @Lob
    @Column(name = "NODELIST", nullable = false, length = 1048576)
    String nodelist;

    @Column(name = "NODECOUNT", nullable = false)
    int nodecount;

    @Column(name = "START_TIME")
    Long startTime;

    @Column(name = "FINISH_TIME")
    Long finishTime;

    @Column(name = "RUNTIME")
    Double runtime;

    @Column(name = "STATUS", nullable = false, length = 16)
    String status;

    @Column(name = "CONFIRM", nullable = false, length = 16)
    String confirm;

    @Column(name = "STEP", nullable = false)
    int step;

    @Column(name = "STEP_STATE", nullable = false, length = 16)
    String stepState;

    @Column(name = "REQUEST_ID", length = 64)
    String requestId;

    @Column(name = "RUN_ID", length = 64)
    String runId;

    public SubtaskEntity() {
    }

    Subtask toDTO() {
        return new Subtask(id, parentUuid, uuid, seq, nodelist.isEmpty() ? java.util.List.of()
                : Arrays.asList(nodelist.split(",")), startTime == null ? null : Instant.ofEpochMilli(startTime),
                finishTime == null ? null : Instant.ofEpochMilli(finishTime), runtime, status, confirm, step);
    }
}
