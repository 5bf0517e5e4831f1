package io.armada.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code io.armada.security}: the shell user. The token itself is not configuration: core reads it from
 * {@code etc/io.armada.security.cfg}, which fileinstall skips, so Config Admin never stores a copy (security review
 * H1); a {@code token} property put into Config Admin anyway is ignored with a warning.
 */
@ObjectClassDefinition(name = "Armada security",
        description = "The Karaf shell user. The fleet token is read from etc/io.armada.security.cfg (mode 0600) or"
                + " ARMADA_TOKEN, never from Config Admin.")
public @interface SecurityConfiguration {

    @AttributeDefinition(name = "Shell user", description = "The Karaf shell (SSH) user that logs in with the token.")
    String shell_user() default "karaf";
}
