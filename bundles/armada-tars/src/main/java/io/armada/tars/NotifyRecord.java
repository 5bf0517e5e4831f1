package io.armada.tars;

import java.time.Instant;

/**
 * One line of a server's notify log: what was done to it and with what result.
 *
 * @param serverId {@code app.server_node} (see {@link ServerConf#notifyId()})
 * @param threadId who wrote it (a task's item number, or empty)
 * @since 1.0
 */
public record NotifyRecord(Instant notifytime, String serverId, String threadId, String command, String result) {
}
