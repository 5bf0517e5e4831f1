package io.armada.jobs.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.jobs.Subtask;

/** {@code job:confirm <project> <subtask uuid>}: a failed batch waiting for its confirm lets the task go on. */
@Service
@Command(scope = "job", name = "confirm", description = "Lets a task go on after a failed batch (WaitConfirm)")
public class ConfirmCommand extends JobsCommandSupport {

    @Argument(index = 0, name = "project", required = true, description = "The project id")
    long project;

    @Argument(index = 1, name = "subtask", required = true, description = "The batch's uuid (job:task)")
    String subtask;

    @Override
    public Object execute() {
        Subtask s = tasks.confirm(null, project, subtask);
        System.out.println("batch " + s.seq() + " of task " + s.parentUuid() + " confirmed: the task goes on");
        return null;
    }
}
