package io.armada.jobs.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.jobs.Task;
import io.armada.jobs.TaskFilter;

/** {@code job:tasks <project>}: the project's tasks, newest first. */
@Service
@Command(scope = "job", name = "tasks", description = "Lists a project's tasks, newest first")
public class ListTasksCommand extends JobsCommandSupport {

    @Argument(index = 0, name = "project", required = true, description = "The project id (job:projects)")
    long project;

    @Option(name = "--status", description = "Only tasks in this status (init, running, success, fail)")
    String status;

    @Override
    public Object execute() {
        List<Task> list = tasks.tasks(new TaskFilter(List.of(project), null, null, status, null, null, null, false));
        ShellTable table = new ShellTable();
        table.column("Uuid");
        table.column("Job");
        table.column("Group");
        table.column("User");
        table.column("Status");
        table.column("Runtime (s)").alignRight();
        table.column("Reason");
        for (Task t : list) {
            table.addRow().addContent(t.uuid(), t.name(), t.group(), t.user(), t.status(),
                    t.runtime() == null ? "" : String.format("%.3f", t.runtime()), t.reason());
        }
        table.print(System.out);
        System.out.println(list.size() + " task(s)");
        return null;
    }
}
