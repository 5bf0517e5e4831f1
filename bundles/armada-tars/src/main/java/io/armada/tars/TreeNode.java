package io.armada.tars;

import java.util.List;

/**
 * A node of the business tree: an application, a set level or a server. Ids are TarsWeb's: a level digit before
 * each name, joined with dots ({@code 1App.5Server}, {@code 1App.2set.3area.4group.5Server}).
 *
 * @param pid the parent's id, {@code root} for an application
 * @param parent whether it has children (every level above a server)
 * @since 1.0
 */
public record TreeNode(String id, String name, String pid, boolean open, boolean parent, List<TreeNode> children) {
}
