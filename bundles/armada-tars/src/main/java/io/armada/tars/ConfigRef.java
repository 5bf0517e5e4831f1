package io.armada.tars;

/**
 * A reference of a configuration file to another, whose content is merged before it
 * ({@code merged_node_config}).
 *
 * @param reference the referenced file, {@code null} where only the ids are given
 * @since 1.0
 */
public record ConfigRef(long id, long configId, long referenceId, ConfigFile reference) {
}
