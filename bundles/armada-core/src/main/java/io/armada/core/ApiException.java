package io.armada.core;

/**
 * The one exception an area throws to refuse a request. Core's exception mapper turns it into the error of the
 * dialect that the matched resource speaks, so no resource builds error bodies itself.
 *
 * <p>{@code code} is a dialect-specific number where the original has one (monitor 40303..40312, goperation
 * resultcode); when absent the dialect picks the code that belongs to the {@link ErrorKind}. {@code data} is an
 * optional payload that some dialects carry on errors (goperation {@code data}).
 *
 * @since 1.0
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final Integer code;
    private final transient Object data;

    public ApiException(ErrorKind kind, String message) {
        this(kind, null, message, null, null);
    }

    public ApiException(ErrorKind kind, String message, Throwable cause) {
        this(kind, null, message, null, cause);
    }

    public ApiException(ErrorKind kind, Integer code, String message, Object data, Throwable cause) {
        super(message, cause);
        this.kind = kind == null ? ErrorKind.INTERNAL : kind;
        this.code = code;
        this.data = data;
    }

    /** A malformed or invalid request. */
    public static ApiException badRequest(String message) {
        return new ApiException(ErrorKind.BAD_REQUEST, message);
    }

    /** An unknown record. */
    public static ApiException notFound(String message) {
        return new ApiException(ErrorKind.NOT_FOUND, message);
    }

    /** A business refusal (see {@link ErrorKind#REFUSED}). */
    public static ApiException refused(String message) {
        return new ApiException(ErrorKind.REFUSED, message);
    }

    /** A refusal with the dialect's own error code (monitor 403xx, ...). */
    public static ApiException withCode(ErrorKind kind, int code, String message) {
        return new ApiException(kind, code, message, null, null);
    }

    /** A needed service is absent or does not answer. */
    public static ApiException unavailable(String message) {
        return new ApiException(ErrorKind.UNAVAILABLE, message);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The dialect-specific code, or {@code null} to let the dialect choose from the kind. */
    public Integer code() {
        return code;
    }

    public Object data() {
        return data;
    }
}
