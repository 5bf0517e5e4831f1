package io.armada.ports.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.armada.ports.PortOwners;

/** Completes agent ids from the agent directory (the agents area). */
@Service
public class AgentIdCompleter implements Completer {

    @Reference(optional = true)
    PortOwners owners;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (owners != null) {
            for (Long id : owners.agentIds()) {
                delegate.getStrings().add(Long.toString(id));
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
