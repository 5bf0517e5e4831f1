package io.armada.files.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.files.AgentRequest;
import io.armada.files.RequestWindow;
import io.armada.files.command.completers.Md5Completer;

/** {@code file:send <md5> <agents>}: the send_file async request; its answers: {@code agent:request <id>}. */
@Service
@Command(scope = "file", name = "send", description = "Sends a file to agents: each node fetches it and checks its md5")
public class SendFileCommand extends FilesCommandSupport {

    @Argument(index = 0, name = "md5", required = true, description = "The file's md5")
    @Completion(Md5Completer.class)
    String md5;

    @Argument(index = 1, name = "agents", required = true, description = "Agents: all, an id, or ids and ranges (1-3,7)")
    String agents;

    @Option(name = "--finish", description = "Seconds from now until the finish time (default: the agents' default)")
    Long finish;

    @Option(name = "--deadline", description = "Seconds from now until the deadline (default: finish time + 5)")
    Long deadline;

    @Override
    public Object execute() {
        long now = System.currentTimeMillis() / 1000;
        AgentRequest r = files.send(agents, md5, new RequestWindow(now, finish == null ? null : now + finish,
                deadline == null ? null : now + deadline, null));
        System.out.println("request " + r.requestId() + " started: finishtime " + r.finishtime() + ", deadline "
                + r.deadline() + " (answers: agent:request " + r.requestId() + ")");
        return null;
    }
}
