package io.armada.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code io.armada.security} ({@code etc/io.armada.security.cfg}). */
@ObjectClassDefinition(name = "Armada security",
        description = "The fleet API token (SPEC §4). ARMADA_TOKEN in the environment overrides it; when neither is"
                + " set at first start, a random token is generated and stored here with file mode 0600.")
public @interface SecurityConfiguration {

    @AttributeDefinition(name = "Fleet token", type = AttributeType.PASSWORD,
            description = "The token every API caller, node and shell user presents. Empty: use ARMADA_TOKEN or"
                    + " generate one.")
    String token() default "";

    @AttributeDefinition(name = "Shell user", description = "The Karaf shell (SSH) user that logs in with the token.")
    String shell_user() default "karaf";
}
