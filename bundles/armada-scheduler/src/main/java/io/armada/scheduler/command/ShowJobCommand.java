package io.armada.scheduler.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.core.ApiException;
import io.armada.scheduler.ScheduledJob;
import io.armada.scheduler.Step;
import io.armada.scheduler.command.completers.JobIdCompleter;

/** {@code scheduler:show <id>}: the job, its steps and its recent runs. */
@Service
@Command(scope = "scheduler", name = "show", description = "Shows a job with its steps and recent runs")
public class ShowJobCommand extends SchedulerCommandSupport {

    @Argument(index = 0, name = "id", required = true, description = "The job's id")
    @Completion(JobIdCompleter.class)
    long id;

    @Override
    public Object execute() {
        ScheduledJob j = scheduler.job(id).orElseThrow(() -> ApiException.notFound("Scheduler job:" + id
                + " not found"));
        printJobs(List.of(j));
        int i = 0;
        for (Step s : j.spec().steps()) {
            System.out.println("step " + i++ + ": " + s.executor() + " " + s.kwargs()
                    + (s.revert() == null ? "" : " revert: " + s.revert().executor() + " " + s.revert().kwargs()));
        }
        System.out.println("retry " + j.spec().retry() + ", revertall " + j.spec().revertall() + ", start "
                + java.time.Instant.ofEpochSecond(j.spec().start()));
        printRuns(j.runs());
        return null;
    }
}
