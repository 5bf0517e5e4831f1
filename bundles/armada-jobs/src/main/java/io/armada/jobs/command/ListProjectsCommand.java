package io.armada.jobs.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.jobs.Project;

/** {@code job:projects}. */
@Service
@Command(scope = "job", name = "projects", description = "Lists the projects and their nodes")
public class ListProjectsCommand extends JobsCommandSupport {

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Project");
        table.column("Nodes").alignRight();
        table.column("Jobs").alignRight();
        table.column("Groups").alignRight();
        int n = 0;
        for (Project p : jobs.projects()) {
            table.addRow().addContent(p.id(), p.name(), p.nodes().size(), jobs.jobs(p.id()).size(),
                    jobs.groups(p.id()).size());
            n++;
        }
        table.print(System.out);
        System.out.println(n + " project(s)");
        return null;
    }
}
