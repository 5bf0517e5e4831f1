package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import org.junit.Test;

public class ParamsTest {

    private static void refused(Runnable r, String message) {
        try {
            r.run();
            fail("accepted");
        } catch (ApiException e) {
            assertEquals(ErrorKind.BAD_REQUEST, e.kind());
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    public void ids() {
        assertEquals(42L, Params.id(" 42 ", "id"));
        refused(() -> Params.id(null, "id"), "id is required");
        refused(() -> Params.id("abc", "agent_id"), "agent_id must be an integer");
        refused(() -> Params.id("0", "id"), "id must be a positive integer");
        refused(() -> Params.id("-3", "id"), "id must be a positive integer");
        refused(() -> Params.id("99999999999999999999", "id"), "id must be an integer");
    }

    @Test
    public void text() {
        assertEquals("abc", Params.text(" abc ", "domain", 3));
        refused(() -> Params.text("  ", "domain", 3), "domain is required");
        refused(() -> Params.text("abcd", "domain", 3), "domain is longer than 3 characters");
        assertNull(Params.optionalText(null, "desc", 3));
    }

    enum Color { RED, GREEN }

    @Test
    public void enums() {
        assertEquals(Color.RED, Params.oneOf(Color.class, "red", "color"));
        refused(() -> Params.oneOf(Color.class, "blue", "color"), "color is not one of the allowed values");
    }
}
