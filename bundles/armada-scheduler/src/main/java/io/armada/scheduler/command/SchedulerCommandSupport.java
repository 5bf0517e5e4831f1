package io.armada.scheduler.command;

import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.scheduler.JobRun;
import io.armada.scheduler.ScheduledJob;
import io.armada.scheduler.SchedulerService;
import io.armada.scheduler.StepResult;

/** What every {@code scheduler:} command shares: the service, and how jobs and runs are printed. */
public abstract class SchedulerCommandSupport implements Action {
    private static final int DESC_WIDTH = 40;
    private static final int RESULT_WIDTH = 80;

    @Reference
    protected SchedulerService scheduler;

    protected static void printJobs(List<ScheduledJob> rows) {
        ShellTable table = new ShellTable();
        table.column("ID").alignRight();
        table.column("State");
        table.column("Plan");
        table.column("Steps").alignRight();
        table.column("Fired").alignRight();
        table.column("Next fire");
        table.column("Desc").maxSize(DESC_WIDTH);
        for (ScheduledJob j : rows) {
            String plan = j.spec().cron() != null ? "cron " + j.spec().cron()
                    : (j.spec().times() == null ? "forever" : j.spec().times() + "x") + " every " + j.spec().interval()
                            + " s";
            table.addRow().addContent(j.jobId(), j.state().wire(), plan, j.spec().steps().size(), j.fired(),
                    j.nextFire() == null ? "-" : Instant.ofEpochMilli(j.nextFire()).toString(), j.spec().desc());
        }
        table.print(System.out);
    }

    protected static void printRuns(List<JobRun> runs) {
        ShellTable table = new ShellTable();
        table.column("Run").alignRight();
        table.column("Scheduled");
        table.column("Start");
        table.column("ms").alignRight();
        table.column("Step");
        table.column("Result").maxSize(RESULT_WIDTH);
        for (JobRun r : runs) {
            table.addRow().addContent(r.runId(), r.scheduled() == 0 ? "by hand" : Instant.ofEpochMilli(r.scheduled()),
                    Instant.ofEpochMilli(r.start()), r.end() - r.start(), r.success() ? "ok" : "FAILED", r.result());
            for (StepResult s : r.steps()) {
                table.addRow().addContent("", "", "", s.end() - s.start(),
                        s.phase() + " " + s.index() + " " + s.executor() + " x" + s.attempts(),
                        (s.success() ? "ok: " : "failed: ") + s.result());
            }
        }
        table.print(System.out);
    }
}
