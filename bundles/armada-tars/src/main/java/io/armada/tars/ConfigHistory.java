package io.armada.tars;

import java.time.Instant;

/**
 * One change of a configuration file: the content it was given and why.
 *
 * @since 1.0
 */
public record ConfigHistory(long id, long configId, String reason, String content, Instant posttime) {
}
