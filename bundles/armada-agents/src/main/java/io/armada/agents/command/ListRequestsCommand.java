package io.armada.agents.command;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.agents.AsyncPage;
import io.armada.agents.AsyncRequestView;

/** {@code agent:requests}: the newest async requests. */
@Service
@Command(scope = "agent", name = "requests", description = "Lists async requests, newest first")
public class ListRequestsCommand extends AgentsCommandSupport {

    @Option(name = "-s", aliases = "--status", description = "Only unfinished (0) or finished (1) requests")
    Integer status;

    @Option(name = "-p", aliases = "--page", description = "Page number (200 requests per page)")
    int page;

    @Override
    public Object execute() {
        AsyncPage p = async.list(status, null, null, null, false, page);
        ShellTable table = new ShellTable();
        table.column("Request");
        table.column("Action");
        table.column("Requested");
        table.column("Deadline");
        table.column("Agents");
        table.column("Status");
        table.column("Code");
        table.column("Result");
        for (AsyncRequestView r : p.rows()) {
            table.addRow().addContent(r.requestId(), r.action(), Instant.ofEpochSecond(r.requestTime()).toString(),
                    Instant.ofEpochSecond(r.deadline()).toString(), r.agents().size(),
                    r.status() == AsyncRequestView.FINISH ? "finished" : "running", r.resultcode(), r.result());
        }
        table.print(System.out);
        System.out.println(p.rows().size() + " of " + p.total() + " requests (page " + p.pagenum() + ")");
        return null;
    }
}
