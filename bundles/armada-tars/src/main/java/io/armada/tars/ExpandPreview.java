package io.armada.tars;

/**
 * One row of {@code expand_server_preview}: an adapter of the source server as it would be on a new node.
 *
 * @param set {@code name.area.group}, or empty outside sets
 * @param port 0: the client picks one ({@code auto_port}), as TarsWeb
 * @param status TarsWeb's key: {@code #api.expand.node.status.existent#} when the server is already on the node,
 *        else {@code #api.expand.node.status.nonexistent#}
 * @since 1.0
 */
public record ExpandPreview(String application, String serverName, String set, String objName, String nodeName,
        String bindIp, int port, String templateName, String status, int auth) {
}
