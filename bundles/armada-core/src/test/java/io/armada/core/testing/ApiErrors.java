package io.armada.core.testing;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

/** "Expect an API error": runs code that must refuse, and hands the refusal back for further checks. */
public final class ApiErrors {
    private ApiErrors() {
    }

    /**
     * Runs {@code r}, which must throw an {@link ApiException} of {@code kind}.
     *
     * @return the exception
     * @throws AssertionError when nothing, or something else, is thrown
     */
    public static ApiException expect(ErrorKind kind, Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            if (e.kind() != kind) {
                throw new AssertionError("expected " + kind + ", got " + e.kind() + ": " + e.getMessage(), e);
            }
            return e;
        }
        throw new AssertionError("accepted, expected a refusal of kind " + kind);
    }

    /** As {@link #expect(ErrorKind, Runnable)}; the message must contain {@code fragment}. */
    public static ApiException expect(ErrorKind kind, String fragment, Runnable r) {
        ApiException e = expect(kind, r);
        if (e.getMessage() == null || !e.getMessage().contains(fragment)) {
            throw new AssertionError("'" + e.getMessage() + "' should contain '" + fragment + "'", e);
        }
        return e;
    }

    /** A BAD_REQUEST whose message contains {@code fragment}. */
    public static ApiException badRequest(String fragment, Runnable r) {
        return expect(ErrorKind.BAD_REQUEST, fragment, r);
    }
}
