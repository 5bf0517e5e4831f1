package io.armada.agents.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.agents.AgentInfo;
import io.armada.agents.AgentStatus;
import io.armada.agents.command.completers.AgentIdCompleter;

/** {@code agent:activate}: sets an online agent active (or inactive). */
@Service
@Command(scope = "agent", name = "activate", description = "Sets an online agent active, or inactive with --inactive")
public class ActivateAgentCommand extends AgentsCommandSupport {

    @Argument(index = 0, name = "agent", description = "Agent id", required = true)
    @Completion(AgentIdCompleter.class)
    long agentId;

    @Option(name = "-i", aliases = "--inactive", description = "Set the agent inactive instead")
    boolean inactive;

    @Override
    public Object execute() {
        AgentInfo a = agents.activate(agentId, inactive ? AgentStatus.UNACTIVE : AgentStatus.ACTIVE);
        System.out.println("Agent " + a.agentId() + " (" + a.host() + ") is " + AgentStatus.name(a.status()));
        return null;
    }
}
