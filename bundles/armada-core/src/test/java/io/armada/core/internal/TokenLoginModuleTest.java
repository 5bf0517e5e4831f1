package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class TokenLoginModuleTest {

    @Test
    public void aRefusedUserNameIsLoggedEscapedShortAndNeverAsAToken() {
        assertEquals("'karaf'", TokenLoginModule.logSafe("karaf"));
        String forged = TokenLoginModule.logSafe("x\r\n2026-01-01 INFO fake line");
        assertFalse(forged, forged.contains("\n") || forged.contains("\r"));
        assertTrue(forged, forged.startsWith("'x\\u000d\\u000a2026"));
        String token = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";
        String logged = TokenLoginModule.logSafe(token);
        assertFalse(logged, logged.contains(token.substring(0, 8)));
        String longName = "a user name with spaces that goes on and on and on";
        assertTrue(TokenLoginModule.logSafe(longName).endsWith("... (" + longName.length() + " characters)"));
        assertEquals("(none)", TokenLoginModule.logSafe(null));
    }
}
