package io.armada.tars.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.tars.TreeNode;

/** {@code tars:tree}: the business tree with the id of each node (what {@code tars:servers} takes). */
@Service
@Command(scope = "tars", name = "tree", description = "Prints the business tree: applications, sets, servers")
public class TreeCommand extends TarsCommandSupport {

    @Override
    public Object execute() {
        int n = 0;
        for (TreeNode root : tars.tree(null)) {
            n += print(root, 0);
        }
        if (n == 0) {
            System.out.println("no servers deployed");
        }
        return null;
    }

    private static int print(TreeNode node, int depth) {
        System.out.println("  ".repeat(depth) + node.name() + "  (" + node.id() + ")");
        int n = 1;
        for (TreeNode c : node.children()) {
            n += print(c, depth + 1);
        }
        return n;
    }
}
