package io.armada.scheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.armada.scheduler.JobSpec;
import io.armada.scheduler.Step;
import io.armada.scheduler.StepResult;

/**
 * Runs a job's steps in order, each tried {@code 1 + retry} times; the first step that still fails ends the run, and
 * with {@code revertall} the {@code revert} of every finished step then runs, last finished first (each tried the
 * same number of times; a failed revert does not stop the others). Plain Java, unit-tested without Quartz.
 */
final class JobRunner {
    static final int MAX_RESULT = 1024;

    /** A run's step results and whether every step succeeded. */
    record Result(boolean success, String summary, List<StepResult> steps) {
    }

    private final Function<String, StepExecutor> executors;
    private final LongSupplier clock;

    /**
     * @param executors the executor of a name, or {@code null} when it is not available now (its step fails)
     * @param clock epoch milliseconds
     */
    JobRunner(Function<String, StepExecutor> executors, LongSupplier clock) {
        this.executors = executors;
        this.clock = clock;
    }

    Result run(JobSpec spec) {
        List<StepResult> out = new ArrayList<>();
        int attempts = 1 + spec.retry();
        List<Step> steps = spec.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepResult r = attempt(i, steps.get(i), "execute", attempts);
            out.add(r);
            if (!r.success()) {
                int reverted = 0;
                if (spec.revertall()) {
                    for (int j = i - 1; j >= 0; j--) {
                        Step revert = steps.get(j).revert();
                        if (revert != null) {
                            out.add(attempt(j, revert, "revert", attempts));
                            reverted++;
                        }
                    }
                }
                String summary = "step " + i + " (" + r.executor() + ") failed: " + r.result()
                        + (spec.revertall() ? "; " + reverted + " finished step(s) reverted" : "");
                return new Result(false, cut(summary), out);
            }
        }
        return new Result(true, "all " + steps.size() + " step(s) succeeded", out);
    }

    private StepResult attempt(int index, Step step, String phase, int attempts) {
        long start = clock.getAsLong();
        StepExecutor.Outcome last = null;
        int tried = 0;
        while (tried < attempts) {
            tried++;
            StepExecutor executor = executors.apply(step.executor());
            if (executor == null) {
                last = StepExecutor.Outcome.failed("executor " + step.executor() + " is not available on this server"
                        + (SchedulerRules.AGENTS_TASK.equals(step.executor()) ? " (the agents area is not installed)" : ""));
            } else {
                try {
                    last = executor.run(step.kwargs());
                } catch (RuntimeException e) {
                    last = StepExecutor.Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            if (last.success()) {
                break;
            }
        }
        return new StepResult(index, step.executor(), phase, tried, start, clock.getAsLong(), last.success(),
                cut(last.result()));
    }

    static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_RESULT ? s : s.substring(0, MAX_RESULT);
    }
}
