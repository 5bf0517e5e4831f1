package io.armada.core;

import java.util.Locale;

/**
 * Checks for request values that every area repeats: ids that must parse, required text with a length limit. Each
 * failure is an {@link ApiException} of kind {@link ErrorKind#BAD_REQUEST} naming the field, which the area's
 * dialect then answers.
 *
 * @since 1.0
 */
public final class Params {

    private Params() {
    }

    /**
     * An id from a path or a field: a decimal number in range.
     *
     * @param value the text, may be {@code null}
     * @param name the field name for the message
     * @return the number
     * @throws ApiException BAD_REQUEST when missing, not a number or not positive
     */
    public static long id(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " is required");
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id <= 0) {
                throw ApiException.badRequest(name + " must be a positive integer");
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer");
        }
    }

    /**
     * Required text, trimmed, of at most {@code max} characters.
     *
     * @throws ApiException BAD_REQUEST when missing, blank or too long
     */
    public static String text(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " is required");
        }
        String v = value.trim();
        if (v.length() > max) {
            throw ApiException.badRequest(name + " is longer than " + max + " characters");
        }
        return v;
    }

    /**
     * Optional text: {@code null} stays {@code null}, otherwise as {@link #text}.
     */
    public static String optionalText(String value, String name, int max) {
        return value == null ? null : text(value, name, max);
    }

    /**
     * A required non-null value of any type.
     *
     * @throws ApiException BAD_REQUEST when {@code null}
     */
    public static <T> T required(T value, String name) {
        if (value == null) {
            throw ApiException.badRequest(name + " is required");
        }
        return value;
    }

    /**
     * An enum constant by name, case-insensitive.
     *
     * @throws ApiException BAD_REQUEST when missing or unknown
     */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " is required");
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + " is not one of the allowed values");
        }
    }
}
