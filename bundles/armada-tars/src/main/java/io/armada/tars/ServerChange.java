package io.armada.tars;

/**
 * What {@code update_server} changes; a {@code null} field is left as it is.
 *
 * @param bak {@code isBak}
 * @since 1.0
 */
public record ServerChange(long id, Boolean bak, String templateName, String serverType, Boolean enableSet,
        String setName, String setArea, String setGroup, Integer asyncThreadNum, String basePath, String exePath,
        String startScriptPath, String stopScriptPath, String monitorScriptPath, String profile) {
}
