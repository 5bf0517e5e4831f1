package io.armada.jobs.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.jobs.Group;

/** {@code job:groups <project>}: each group with its batches. */
@Service
@Command(scope = "job", name = "groups", description = "Lists a project's machine groups with their batches")
public class ListGroupsCommand extends JobsCommandSupport {

    @Argument(index = 0, name = "project", required = true, description = "The project id (job:projects)")
    long project;

    @Override
    public Object execute() {
        List<Group> groups = jobs.groups(project);
        for (Group g : groups) {
            System.out.println(g.id() + "  " + g.name() + "  (" + g.groupType() + ": " + g.spec() + ")");
            int i = 1;
            for (List<String> batch : jobs.batches(project, g.id())) {
                System.out.println("    batch " + i++ + ": " + String.join(", ", batch));
            }
        }
        System.out.println(groups.size() + " group(s)");
        return null;
    }
}
