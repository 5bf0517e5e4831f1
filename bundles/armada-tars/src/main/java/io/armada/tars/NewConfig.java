package io.armada.tars;

/**
 * What {@code add_config_file} takes.
 *
 * @param level TarsWeb's selector: 1 application, 2-4 a set of it ({@code set_name}, then area, then group), 5 a
 *        server ({@code server_name})
 * @since 1.0
 */
public record NewConfig(Integer level, String application, String serverName, String setName, String setArea,
        String setGroup, String filename, String config) {
}
