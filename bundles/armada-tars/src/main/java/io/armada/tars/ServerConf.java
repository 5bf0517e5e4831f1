package io.armada.tars;

import java.time.Instant;

/**
 * One service on one node (TarsWeb's {@code t_server_conf} row): the unit tasks act on.
 *
 * @param id the server id
 * @param application the application (first level of the tree)
 * @param serverName the server name, unique within its application
 * @param nodeName the node's IP
 * @param enableSet whether the server belongs to a set ({@code setName.setArea.setGroup})
 * @param settingState {@code active} or {@code inactive}: what the operator wants
 * @param presentState {@code active} or {@code inactive}: what the node last said
 * @param bakFlag whether this node is a backup
 * @param patchTime when the last patch was applied, {@code null} when never
 * @param processId the service's main process id on the node, 0 when unknown
 * @param posttime when the row last changed
 * @since 1.0
 */
public record ServerConf(long id, String application, String serverName, String nodeName, String serverType,
        boolean enableSet, String setName, String setArea, String setGroup, String settingState,
        String presentState, boolean bakFlag, String templateName, String profile, int asyncThreadNum,
        String basePath, String exePath, String startScriptPath, String stopScriptPath, String monitorScriptPath,
        Instant patchTime, String patchVersion, String patchUser, long processId, Instant posttime) {

    /** {@code app.server_node}: how the notify log names this server. */
    public String notifyId() {
        return application + "." + serverName + "_" + nodeName;
    }
}
