package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code blocklist:process-add <process> <signature>}. */
@Service
@Command(scope = "blocklist", name = "process-add", description = "Adds a process and its signature to the process block list")
public class ProcessAddCommand extends BlocklistCommandSupport {

    @Argument(index = 0, name = "process", required = true, description = "The process name, at most 255 characters")
    String process;

    @Argument(index = 1, name = "signature", required = true,
            description = "The process's signature (signer or digest), at most 1024 characters")
    String signature;

    @Override
    public Object execute() {
        printProcesses(List.of(blocklists.addProcess(process, signature)));
        return null;
    }
}
