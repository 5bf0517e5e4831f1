package io.armada.agents.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.armada.agents.AsyncRequestView;
import io.armada.agents.AsyncRequests;

/** Completes the ids of the newest async requests. */
@Service
public class RequestIdCompleter implements Completer {

    @Reference
    AsyncRequests async;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (AsyncRequestView r : async.list(null, null, null, null, false, 0).rows()) {
            delegate.getStrings().add(r.requestId());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
