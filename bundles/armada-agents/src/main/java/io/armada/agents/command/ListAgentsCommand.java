package io.armada.agents.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.agents.AgentInfo;
import io.armada.agents.AgentStatus;

/** {@code agent:list}: the agents, their status and whether their nodes are online. */
@Service
@Command(scope = "agent", name = "list", description = "Lists the agents (managed machines)")
public class ListAgentsCommand extends AgentsCommandSupport {

    @Option(name = "-d", aliases = "--deleted", description = "List the deleted agents instead of the live ones")
    boolean deleted;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Host");
        table.column("Type");
        table.column("Status");
        table.column("Online");
        table.column("Address");
        table.column("CPU");
        table.column("Memory MiB");
        table.column("Endpoints");
        for (AgentInfo a : agents.list(deleted)) {
            table.addRow().addContent(a.agentId(), a.host(), a.agentType(),
                    AgentStatus.name(a.status()) + " (" + a.status() + ")", a.online() ? "yes" : "no",
                    a.ip() == null ? "" : a.ip() + ":" + a.port(), a.cpu(), a.memory(), String.join(",", a.endpoints()));
        }
        table.print(System.out);
        return null;
    }
}
