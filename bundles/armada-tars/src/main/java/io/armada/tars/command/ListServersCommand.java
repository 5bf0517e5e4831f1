package io.armada.tars.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.tars.ServerConf;
import io.armada.tars.TarsPage;
import io.armada.tars.command.completers.TreeNodeCompleter;

/** {@code tars:servers <tree node id>}. */
@Service
@Command(scope = "tars", name = "servers", description = "Lists the servers under a node of the business tree")
public class ListServersCommand extends TarsCommandSupport {

    @Argument(index = 0, name = "tree-node-id", required = true,
            description = "A tree node id, as tars:tree prints it (1App, 1App.5Server, 1App.2set.3area.4group)")
    @Completion(TreeNodeCompleter.class)
    String treeNodeId;

    @Override
    public Object execute() {
        TarsPage<ServerConf> page = tars.servers(treeNodeId, 0, 0);
        printServers(page.rows());
        System.out.println(page.count() + " server(s)");
        return null;
    }
}
