package io.armada.ports.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.armada.ports.PortService;
import io.armada.ports.command.completers.AgentIdCompleter;

/** What every ports command shares: the service and the agent argument. */
public abstract class PortsCommandSupport implements Action {

    @Reference
    protected PortService ports;

    @Argument(index = 0, name = "agent", description = "Agent id", required = true)
    @Completion(AgentIdCompleter.class)
    protected long agentId;
}
