package io.armada.scheduler.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code scheduler:list [-p page]}. */
@Service
@Command(scope = "scheduler", name = "list", description = "Lists scheduled jobs, 200 a page")
public class ListJobsCommand extends SchedulerCommandSupport {

    @Option(name = "-p", aliases = "--page", description = "Page number, from 0")
    int page;

    @Override
    public Object execute() {
        printJobs(scheduler.page(page).rows());
        return null;
    }
}
