package io.armada.tars.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.armada.tars.TarsService;
import io.armada.tars.TreeNode;

/** Completes the ids of the business tree's nodes. */
@Service
public class TreeNodeCompleter implements Completer {

    @Reference
    TarsService tars;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        for (TreeNode root : tars.tree(null)) {
            add(root, strings);
        }
        return strings.complete(session, commandLine, candidates);
    }

    private static void add(TreeNode node, StringsCompleter strings) {
        strings.getStrings().add(node.id());
        node.children().forEach(c -> add(c, strings));
    }
}
