package io.armada.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Scheduled jobs (seed 000, SPEC §10.3). Each job is a list of steps run in order when its trigger fires (Quartz,
 * clustered JDBC job store: with several servers on one database a fire runs once); every run is recorded.
 *
 * <p>Refusals are {@link io.armada.core.ApiException}s: {@code BAD_REQUEST} for a body outside the schema (it stores
 * nothing), {@code NOT_FOUND} for an unknown job, {@code UNAVAILABLE} while the scheduler is starting or stopped.
 *
 * @since 1.0
 */
@ProviderType
public interface SchedulerService {
    /** Rows per page of {@link #page(int)}. */
    int ROWS_PER_PAGE = io.armada.core.Goperation.ROWS_PER_PAGE;

    /**
     * Creates a job from a request body of the original's schema.
     *
     * @param body the JSON body as maps and lists
     * @return the job as stored
     * @since 1.0
     */
    ScheduledJob create(Map<String, Object> body);

    /**
     * Replaces a job's whole definition (same schema as create) and plans it anew: its {@code fired} count starts
     * again at 0, so {@code times} counts the new plan's fires; its recorded runs stay. A stopped job stays stopped.
     *
     * @since 1.0
     */
    ScheduledJob update(long jobId, Map<String, Object> body);

    /**
     * One job with its next fire and its recent runs.
     *
     * @since 1.0
     */
    Optional<ScheduledJob> job(long jobId);

    /**
     * A page of jobs, by id.
     *
     * @since 1.0
     */
    JobPage page(int pageNum);

    /**
     * The ids of the jobs (for completion), at most {@code max}.
     *
     * @since 1.0
     */
    List<Long> ids(int max);

    /**
     * Deletes a job, its trigger and its runs.
     *
     * @return the job as it was
     * @throws io.armada.core.ApiException NOT_FOUND for an unknown job
     * @since 1.0
     */
    ScheduledJob delete(long jobId);

    /**
     * Stops a job: it does not fire until {@link #start}.
     *
     * @since 1.0
     */
    ScheduledJob stop(long jobId);

    /**
     * Starts a stopped job again (a fire missed while stopped runs once).
     *
     * @since 1.0
     */
    ScheduledJob start(long jobId);

    /**
     * Fires a job now, once, besides its plan.
     *
     * @since 1.0
     */
    ScheduledJob runNow(long jobId);
}
