package io.armada.tars;

/**
 * What one server row's node answered ({@code send_command}, {@code push_config_file}): {@code retCode} 0 when it
 * succeeded, else -1 with why; {@code errMsg} carries the command's output on success too, as TarsWeb's
 * {@code notifyServer} result.
 *
 * @since 1.1
 */
public record TargetResult(long serverId, String application, String serverName, String nodeName, int retCode,
        String errMsg) {
}
