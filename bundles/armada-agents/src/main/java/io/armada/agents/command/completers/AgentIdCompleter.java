package io.armada.agents.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.armada.agents.AgentInfo;
import io.armada.agents.AgentService;

/** Completes the ids of live agents. */
@Service
public class AgentIdCompleter implements Completer {

    @Reference
    AgentService agents;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (AgentInfo a : agents.list(false)) {
            delegate.getStrings().add(Long.toString(a.agentId()));
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
