package io.armada.agents.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.agents.AgentInfo;
import io.armada.agents.command.completers.AgentIdCompleter;

/** {@code agent:delete}: marks an agent deleted (it must have no entities). */
@Service
@Command(scope = "agent", name = "delete", description = "Marks an agent deleted (it must have no entities)")
public class DeleteAgentCommand extends AgentsCommandSupport {

    @Argument(index = 0, name = "agent", description = "Agent id", required = true)
    @Completion(AgentIdCompleter.class)
    long agentId;

    @Option(name = "-f", aliases = "--force", description = "Delete an offline agent too")
    boolean force;

    @Override
    public Object execute() {
        AgentInfo a = agents.delete(agentId, force);
        System.out.println("Agent " + a.agentId() + " (" + a.host() + ") deleted");
        return null;
    }
}
