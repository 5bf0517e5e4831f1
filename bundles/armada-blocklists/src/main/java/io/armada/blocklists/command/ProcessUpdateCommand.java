package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.blocklists.command.completers.ProcessIdCompleter;

/** {@code blocklist:process-update <id> [-p process] [-s signature]}. */
@Service
@Command(scope = "blocklist", name = "process-update",
        description = "Changes the process name, the signature or both of a row of the process block list")
public class ProcessUpdateCommand extends BlocklistCommandSupport {

    @Argument(index = 0, name = "id", required = true, description = "The row's id")
    @Completion(ProcessIdCompleter.class)
    long id;

    @Option(name = "-p", aliases = "--process", description = "The new process name (kept when not given)")
    String process;

    @Option(name = "-s", aliases = "--signature", description = "The new signature (kept when not given)")
    String signature;

    @Override
    public Object execute() {
        printProcesses(List.of(blocklists.updateProcess(id, process, signature)));
        return null;
    }
}
