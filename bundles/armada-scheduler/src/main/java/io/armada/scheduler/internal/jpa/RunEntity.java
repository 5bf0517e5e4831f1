package io.armada.scheduler.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;

import io.armada.scheduler.JobRun;

/** A row of {@code SCHEDULER_RUN}: one run of a job, its step results as JSON. */
@Entity
@Table(name = "SCHEDULER_RUN", indexes = @Index(name = "SCHEDULER_RUN_JOB", columnList = "JOB_ID,ID"))
public class RunEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;

    @Column(name = "JOB_ID", nullable = false)
    long jobId;

    @Column(name = "SCHEDULED", nullable = false)
    long scheduled;

    @Column(name = "STARTED", nullable = false)
    long started;

    @Column(name = "ENDED", nullable = false)
    long ended;

    @Column(name = "SUCCESS", nullable = false)
    boolean success;

    @Column(name = "RESULT", length = 1024, nullable = false)
    String result;

    @Lob
    @Column(name = "STEPS", nullable = false)
    String steps;

    JobRun toDTO() {
        return new JobRun(id, jobId, scheduled, started, ended, success, result, StepsJson.readResults(steps));
    }
}
