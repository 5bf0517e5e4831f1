package io.armada.scheduler.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.scheduler.command.completers.JobIdCompleter;

/** {@code scheduler:run <id>}. */
@Service
@Command(scope = "scheduler", name = "run", description = "Fires a job now, once, besides its plan")
public class RunJobCommand extends SchedulerCommandSupport {

    @Argument(index = 0, name = "id", required = true, description = "The job's id")
    @Completion(JobIdCompleter.class)
    long id;

    @Override
    public Object execute() {
        printJobs(List.of(scheduler.runNow(id)));
        return null;
    }
}
