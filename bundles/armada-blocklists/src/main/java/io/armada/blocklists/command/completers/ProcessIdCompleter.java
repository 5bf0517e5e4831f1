package io.armada.blocklists.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

import io.armada.blocklists.BlocklistService;
import io.armada.blocklists.ProcessBlock;

/** Completes the ids of the process block list. */
@Service
public class ProcessIdCompleter implements Completer {

    @Reference
    BlocklistService blocklists;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return IdCandidates.complete(blocklists.processes(), ProcessBlock::id, session, commandLine, candidates);
    }
}
