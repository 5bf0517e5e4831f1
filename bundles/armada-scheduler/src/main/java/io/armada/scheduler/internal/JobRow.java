package io.armada.scheduler.internal;

import io.armada.scheduler.JobSpec;
import io.armada.scheduler.JobState;

/**
 * A stored job, as the DAO reads it.
 *
 * @param id the job id
 * @param spec its definition
 * @param state where it stands
 * @param fired how many runs it has had
 * @param created epoch seconds
 */
public record JobRow(long id, JobSpec spec, JobState state, long fired, long created) {
}
