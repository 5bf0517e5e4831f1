package io.armada.tars.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.tars.TreeNode;

/** The business tree from the servers' positions (TarsWeb's {@code TreeService.ArrayToTree}). */
final class Trees {

    private static final class Builder {
        final String id;
        final String name;
        final String pid;
        final boolean parent;
        final List<Builder> children = new ArrayList<>();

        Builder(String id, String name, String pid, boolean parent) {
            this.id = id;
            this.name = name;
            this.pid = pid;
            this.parent = parent;
        }

        TreeNode build() {
            return new TreeNode(id, name, pid, false, parent, children.stream().map(Builder::build).toList());
        }
    }

    private Trees() {
    }

    /**
     * The roots (applications) with their set levels and servers, in the order the positions come (the DAO sorts
     * them); a position seen twice (one server on several nodes) is one leaf.
     */
    static List<TreeNode> build(List<ServerPosition> positions) {
        Map<String, Builder> byId = new LinkedHashMap<>();
        List<Builder> roots = new ArrayList<>();
        for (ServerPosition p : positions) {
            String id = p.leafId();
            if (byId.containsKey(id)) {
                continue;
            }
            Builder leaf = new Builder(id, p.serverName(), id.substring(0, id.lastIndexOf('.')), false);
            byId.put(id, leaf);
            attach(leaf, byId, roots);
        }
        return roots.stream().map(Builder::build).toList();
    }

    private static void attach(Builder node, Map<String, Builder> byId, List<Builder> roots) {
        Builder child = node;
        while (true) {
            String pid = child.pid;
            if (pid.equals("root")) {
                roots.add(child);
                return;
            }
            Builder known = byId.get(pid);
            if (known != null) {
                known.children.add(child);
                return;
            }
            int dot = pid.lastIndexOf('.');
            String name = (dot < 0 ? pid : pid.substring(dot + 1)).substring(1);
            Builder parent = new Builder(pid, name, dot < 0 ? "root" : pid.substring(0, dot), true);
            parent.children.add(child);
            byId.put(pid, parent);
            child = parent;
        }
    }
}
