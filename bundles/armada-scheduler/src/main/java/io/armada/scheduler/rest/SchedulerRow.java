package io.armada.scheduler.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.armada.scheduler.JobRun;
import io.armada.scheduler.ScheduledJob;
import io.armada.scheduler.Step;
import io.armada.scheduler.StepResult;

/**
 * A job as the scheduler routes write it: the original's field names for the definition ({@code jobs}, {@code start},
 * {@code times}, {@code interval}, {@code retry}, {@code revertall}, {@code desc}, plus {@code cron}), then its state,
 * its next fire (epoch seconds, {@code null} when none), how many runs it had, and its recent {@code runs} (show only).
 * Times of runs are epoch seconds with three decimals (milliseconds).
 */
public record SchedulerRow(@JsonProperty("job_id") long jobId, String desc, List<StepRow> jobs, long start,
        Integer times, Integer interval, String cron, int retry, boolean revertall, String state,
        @JsonProperty("next_fire_time") Long nextFireTime, long fired, long created,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RunRow> runs) {

    static SchedulerRow of(ScheduledJob j, boolean withRuns) {
        return new SchedulerRow(j.jobId(), j.spec().desc(), j.spec().steps().stream().map(StepRow::of).toList(),
                j.spec().start(), j.spec().times(), j.spec().cron() == null ? j.spec().interval() : null,
                j.spec().cron(), j.spec().retry(), j.spec().revertall(), j.state().wire(),
                j.nextFire() == null ? null : j.nextFire() / 1000, j.fired(), j.created(),
                withRuns ? j.runs().stream().map(RunRow::of).toList() : null);
    }

    /** A step as given. */
    public record StepRow(String executor, Map<String, Object> kwargs,
            @JsonInclude(JsonInclude.Include.NON_NULL) StepRow revert) {
        static StepRow of(Step s) {
            return new StepRow(s.executor(), s.kwargs(), s.revert() == null ? null : of(s.revert()));
        }
    }

    /** One run. */
    public record RunRow(@JsonProperty("run_id") long runId, BigDecimal scheduled, BigDecimal start, BigDecimal end,
            boolean success, String result, List<StepResultRow> steps) {
        static RunRow of(JobRun r) {
            return new RunRow(r.runId(), r.scheduled() == 0 ? null : seconds(r.scheduled()), seconds(r.start()),
                    seconds(r.end()), r.success(), r.result(), r.steps().stream().map(StepResultRow::of).toList());
        }
    }

    /** What one step did in a run. */
    public record StepResultRow(int step, String executor, String phase, int attempts, BigDecimal start, BigDecimal end,
            boolean success, String result) {
        static StepResultRow of(StepResult s) {
            return new StepResultRow(s.index(), s.executor(), s.phase(), s.attempts(), seconds(s.start()),
                    seconds(s.end()), s.success(), s.result());
        }
    }

    /** Epoch milliseconds as seconds with three decimals, written plainly ({@code 1765000000.123}). */
    static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    /** What {@code POST /schedulers} answers in {@code data[0]}. */
    public record Created(@JsonProperty("job_id") long jobId) {
    }
}
