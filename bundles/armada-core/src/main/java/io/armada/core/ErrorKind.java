package io.armada.core;

/**
 * What went wrong, independent of any dialect. Each {@link Dialect} decides how a kind is put on the wire
 * (HTTP status, error code, envelope).
 *
 * @since 1.0
 */
public enum ErrorKind {
    /** Malformed JSON, a wrong type, a missing or invalid field, an id that does not parse, an unknown command. */
    BAD_REQUEST,
    /** No token, or a wrong one. */
    UNAUTHORIZED,
    /** The addressed record or route does not exist. */
    NOT_FOUND,
    /**
     * A business refusal that the original answered as a success-shaped body with a failure code (goperation:
     * HTTP 200 with {@code resultcode} -1).
     */
    REFUSED,
    /** The request body is over the limit. */
    TOO_LARGE,
    /** The route exists in the original's contract but the action is not offered. */
    NOT_IMPLEMENTED,
    /** A service this call needs (another area, a node) is absent or does not answer. */
    UNAVAILABLE,
    /** A fault of ours; details go to the log, never to the client. */
    INTERNAL
}
