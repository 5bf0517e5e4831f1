package io.armada.jobs.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code job:stop <project> <uuid>}. */
@Service
@Command(scope = "job", name = "stop", description = "Stops a task: the running batch is cut, the rest cancelled")
public class StopTaskCommand extends JobsCommandSupport {

    @Argument(index = 0, name = "project", required = true, description = "The project id")
    long project;

    @Argument(index = 1, name = "uuid", required = true, description = "The task's uuid (job:tasks)")
    String uuid;

    @Override
    public Object execute() {
        String why = tasks.stop(null, project, uuid);
        System.out.println(why == null ? "task " + uuid + " stopped" : "task " + uuid + ": " + why);
        return null;
    }
}
