package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.blocklists.command.completers.ProcessIdCompleter;

/** {@code blocklist:process-delete <id>}. */
@Service
@Command(scope = "blocklist", name = "process-delete", description = "Removes a row from the process block list")
public class ProcessDeleteCommand extends BlocklistCommandSupport {

    @Argument(index = 0, name = "id", required = true, description = "The row's id")
    @Completion(ProcessIdCompleter.class)
    long id;

    @Override
    public Object execute() {
        printProcesses(List.of(blocklists.deleteProcess(id)));
        return null;
    }
}
