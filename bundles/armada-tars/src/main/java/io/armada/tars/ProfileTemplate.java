package io.armada.tars;

import java.time.Instant;

/**
 * A profile template (TarsWeb's {@code t_profile_template}): a tars config text a server's configuration starts from,
 * inheriting what it lacks from its parent.
 *
 * @param parentsName the parent template's name, empty for a root
 * @since 1.0
 */
public record ProfileTemplate(long id, String templateName, String parentsName, String profile, Instant posttime) {
}
