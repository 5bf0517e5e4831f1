package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.blocklists.command.completers.ProcessIdCompleter;

/** {@code blocklist:process-list [id]}. */
@Service
@Command(scope = "blocklist", name = "process-list", description = "Lists the process block list, or one row of it")
public class ProcessListCommand extends BlocklistCommandSupport {

    @Argument(index = 0, name = "id", required = false, description = "Only the row with this id")
    @Completion(ProcessIdCompleter.class)
    Long id;

    @Override
    public Object execute() {
        printProcesses(id == null ? blocklists.processes() : List.of(blocklists.process(id)));
        return null;
    }
}
