package io.armada.core;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The fleet token (SPEC §4): one secret for every API caller, for node ↔ server calls and for the shell.
 *
 * @since 1.0
 */
@ProviderType
public interface TokenService {

    /**
     * Checks a presented token in constant time (the time does not depend on where a wrong token differs, nor on
     * its length).
     *
     * @param candidate the presented token, may be {@code null}
     * @return {@code true} if it is the fleet token
     */
    boolean matches(String candidate);

    /**
     * The token itself, for outgoing calls to other fleet members and for {@code armada:token}. Never log it.
     *
     * @return the fleet token, never {@code null}
     */
    String token();

    /**
     * Where the token came from: {@code environment}, {@code configuration} or {@code generated}.
     *
     * @return the source of the current token
     */
    String source();
}
