package io.armada.agents.command;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.agents.AgentResponseView;
import io.armada.agents.AsyncRequestView;
import io.armada.agents.command.completers.RequestIdCompleter;

/** {@code agent:request}: one async request and each agent's answer. */
@Service
@Command(scope = "agent", name = "request", description = "Shows an async request and the answer of each agent")
public class ShowRequestCommand extends AgentsCommandSupport {

    @Argument(index = 0, name = "request", description = "Request id (a uuid)", required = true)
    @Completion(RequestIdCompleter.class)
    String requestId;

    @Override
    public Object execute() {
        AsyncRequestView r = async.show(requestId, true, false);
        System.out.println("Request " + r.requestId() + " (" + r.action() + "), "
                + (r.status() == AsyncRequestView.FINISH ? "finished" : "running") + ", deadline "
                + Instant.ofEpochSecond(r.deadline()) + ": " + r.resultcode() + " " + r.result());
        ShellTable table = new ShellTable();
        table.column("Agent");
        table.column("Answered");
        table.column("Code");
        table.column("Result");
        for (AgentResponseView a : r.responses()) {
            table.addRow().addContent(a.agentId(), Instant.ofEpochSecond(a.serverTime()).toString(), a.resultcode(),
                    a.result());
        }
        table.print(System.out);
        System.out.println(r.responses().size() + " of " + r.agents().size() + " agents answered or timed out");
        return null;
    }
}
