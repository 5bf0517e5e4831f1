package io.armada.jobs.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import io.armada.jobs.JobDef;

/** Table JOBS_JOB: a job of a project (name unique in it), its steps and rollback steps as JSON lists. */
@Entity
@Table(name = "JOBS_JOB", uniqueConstraints = @UniqueConstraint(name = "JOBS_JOB_NAME",
        columnNames = {"PROJECT_ID", "NAME"}))
public class JobEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "PROJECT_ID", nullable = false)
    long projectId;

    @Column(name = "NAME", nullable = false, length = 128)
    String name;

    @Lob
    @Column(name = "STEPS", nullable = false, length = 1048576)
    String steps;

    @Lob
    @Column(name = "ROLLBACK_STEPS", nullable = false, length = 1048576)
    String rollback;

    @Column(name = "EDIT_TIME", nullable = false)
    long editTime;

    public JobEntity() {
    }

    JobDef toDTO() {
        return new JobDef(id, projectId, name, JsonText.nodes(steps), JsonText.nodes(rollback),
                Instant.ofEpochMilli(editTime));
    }
}
