package io.armada.jobs.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.jobs.Subtask;
import io.armada.jobs.Task;

/** {@code job:task <project> <uuid>}: a task with its batches. */
@Service
@Command(scope = "job", name = "task", description = "Shows a task and each of its batches (nodes, status, confirm)")
public class ShowTaskCommand extends JobsCommandSupport {

    @Argument(index = 0, name = "project", required = true, description = "The project id")
    long project;

    @Argument(index = 1, name = "uuid", required = true, description = "The task's uuid (job:tasks)")
    String uuid;

    @Override
    public Object execute() {
        Task t = tasks.task(project, uuid);
        System.out.println(t.uuid() + "  " + t.name() + " on " + t.group() + "  " + t.status() + "  by " + t.user()
                + (t.reason().isEmpty() ? "" : "  (" + t.reason() + ")"));
        int n = 0;
        for (Subtask s : tasks.subtasks(project, uuid)) {
            System.out.println("    batch " + s.seq() + " " + s.uuid() + "  " + s.status()
                    + (s.confirm().isEmpty() ? "" : " [" + s.confirm() + "]") + "  step " + s.step() + "  nodes: "
                    + String.join(", ", s.nodes()));
            n++;
        }
        System.out.println(n + " batch(es)");
        return null;
    }
}
