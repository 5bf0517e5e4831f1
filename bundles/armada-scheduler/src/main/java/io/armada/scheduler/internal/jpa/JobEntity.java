package io.armada.scheduler.internal.jpa;

import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

import io.armada.scheduler.JobSpec;
import io.armada.scheduler.JobState;
import io.armada.scheduler.Step;
import io.armada.scheduler.internal.JobRow;

/** A row of {@code SCHEDULER_JOB}: the job's definition (its steps as JSON) and its state. */
@Entity
@Table(name = "SCHEDULER_JOB")
public class JobEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;

    @Column(name = "DESCRIPTION", length = 1024, nullable = false)
    String description;

    @Lob
    @Column(name = "STEPS", nullable = false)
    String steps;

    @Column(name = "START_AT", nullable = false)
    long startAt;

    @Column(name = "TIMES")
    Integer times;

    @Column(name = "INTERVAL_S", nullable = false)
    int intervalSeconds;

    @Column(name = "CRON", length = 200)
    String cron;

    @Column(name = "RETRY", nullable = false)
    int retry;

    @Column(name = "REVERTALL", nullable = false)
    boolean revertall;

    @Column(name = "STATE", length = 16, nullable = false)
    String state;

    @Column(name = "FIRED", nullable = false)
    long fired;

    @Column(name = "CREATED", nullable = false)
    long created;

    void assign(JobSpec spec) {
        description = spec.desc();
        steps = StepsJson.write(spec.steps());
        startAt = spec.start();
        times = spec.times();
        intervalSeconds = spec.interval();
        cron = spec.cron();
        retry = spec.retry();
        revertall = spec.revertall();
    }

    JobRow toDTO() {
        List<Step> s = StepsJson.readSteps(steps);
        return new JobRow(id, new JobSpec(s, startAt, times, intervalSeconds, cron, retry, revertall, description),
                JobState.valueOf(state), fired, created);
    }
}
