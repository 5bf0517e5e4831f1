package io.armada.tars;

import java.util.Map;

/**
 * One item of {@code add_task}: a command on one server row (reference §002.8).
 *
 * @param command {@code restart}, {@code stop}, {@code undeploy_tars} or {@code patch_tars}
 * @param parameters {@code patch_tars}: {@code patch_id}, {@code update_text}, {@code bak_flag}; else empty
 * @since 1.1
 */
public record NewTaskItem(long serverId, String command, Map<String, String> parameters) {
}
