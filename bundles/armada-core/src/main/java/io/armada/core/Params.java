package io.armada.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks for request values that every area repeats: ids that must parse, required text with a length limit. Each
 * failure is an {@link ApiException} of kind {@link ErrorKind#BAD_REQUEST} naming the field, which the area's
 * dialect then answers.
 *
 * @since 1.0
 */
public final class Params {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Params() {
    }

    /**
     * Whether a text is an IPv4 or IPv6 address literal and nothing else (no name, port, path or zone). Never
     * resolves a name: only text of hex digits, {@code :} and {@code .} with a {@code :} reaches the JDK's parser.
     *
     * @param value the text, may be {@code null}
     * @return {@code true} for a literal
     * @since 1.2
     */
    public static boolean isIpLiteral(String value) {
        if (value == null) {
            return false;
        }
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (value.indexOf(':') < 0 || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(value);
            return a instanceof Inet6Address || a instanceof Inet4Address;
        } catch (UnknownHostException e) {
            return false;
        }
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

    /**
     * An optional whole number from a query parameter, taken as text so that one that does not parse is the
     * dialect's 400 naming the parameter (security review L6), not JAX-RS's 404 for a typed parameter.
     *
     * @param value the text, may be {@code null} or blank (absent)
     * @param name the parameter name for the message
     * @return the number, or {@code null} when absent
     * @throws ApiException BAD_REQUEST when it is not a whole number in the range of {@code long}
     */
    public static Long optionalLong(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && (c == '-' || c == '+') && v.length() > 1)) {
                throw ApiException.badRequest(name + " must be an integer");
            }
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " is out of range");
        }
    }

    /**
     * As {@link #optionalLong} for an {@code int}.
     *
     * @throws ApiException BAD_REQUEST when it is not a whole number in the range of {@code int}
     */
    public static Integer optionalInt(String value, String name) {
        Long l = optionalLong(value, name);
        if (l == null) {
            return null;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw ApiException.badRequest(name + " is out of range");
        }
        return l.intValue();
    }

    /**
     * The first row of a 1-based page (security review M6: {@code page * rows} in {@code int} wrapped to a negative
     * offset, which the JPA provider refused with a 500).
     *
     * @param page the 1-based page number (below 1 reads as 1)
     * @param rowsPerPage rows on a page, at least 1
     * @param name the parameter name for the message
     * @return the offset of the page's first row, at most {@link Integer#MAX_VALUE}
     * @throws ApiException BAD_REQUEST when the page lies beyond what an {@code int} offset can address
     */
    public static int pageOffset(long page, int rowsPerPage, String name) {
        if (rowsPerPage < 1) {
            throw new IllegalArgumentException("rowsPerPage must be at least 1");
        }
        long p = Math.max(page, 1);
        if (p - 1 > (Integer.MAX_VALUE - (long) rowsPerPage) / rowsPerPage) {
            throw ApiException.badRequest(name + " is too large");
        }
        return (int) ((p - 1) * rowsPerPage);
    }
}
