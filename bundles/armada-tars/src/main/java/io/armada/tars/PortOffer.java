package io.armada.tars;

/**
 * A port {@code auto_port} reserved on a node.
 *
 * @since 1.0
 */
public record PortOffer(String nodeName, int port) {
}
