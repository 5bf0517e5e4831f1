package io.armada.blocklists.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.armada.blocklists.BlocklistService;
import io.armada.core.ApiException;
import io.armada.core.Params;

/**
 * What a valid row is and when two rows are the same.
 *
 * <p>A domain is a host name or a URL of at most 253 characters, blanks around it ignored:
 * <ul>
 * <li>a host name: dot-separated labels of 1..63 letters (any script, for IDN), digits, {@code -} or {@code _}, not
 * starting or ending with {@code -}; an optional {@code *.} in front (a wildcard) and an optional trailing dot;
 * IPv4 addresses are host names of digits, IPv6 addresses go in brackets;</li>
 * <li>a URL: {@code scheme://[user@]host[:port][/path][?query][#fragment]}, or a host with a port or path and no
 * scheme ({@code example.com/ads}).</li>
 * </ul>
 * No blanks or control characters anywhere. Two domains are the same when they are equal ignoring case.
 *
 * <p>A process name (at most 255) and a signature (at most 1,024 characters) are any text without control
 * characters, blanks around them ignored. Two process rows are the same when both the name and the signature are
 * equal ignoring case (Windows process names are case-insensitive; a signature is a signer name or a hex digest).
 *
 * <p>Uniqueness is enforced by the database on a key column: the SHA-256 of the lower-cased value (for a process, of
 * name and signature), so the unique index stays small whatever the lengths.
 */
public final class BlocklistRules {

    private BlocklistRules() {
    }

    /**
     * A valid domain from a request value.
     *
     * @throws ApiException BAD_REQUEST when missing, blank, too long or not a host name or URL
     */
    public static String domain(String value) {
        String d = Params.text(value, "domain", BlocklistService.MAX_DOMAIN);
        if (!isDomainOrUrl(d)) {
            throw ApiException.badRequest("domain must be a host name or a URL");
        }
        return d;
    }

    /**
     * A valid process name from a request value.
     *
     * @throws ApiException BAD_REQUEST when missing, blank, too long or with control characters
     */
    public static String process(String value) {
        return plainText(value, "process", BlocklistService.MAX_PROCESS);
    }

    /**
     * A valid signature from a request value.
     *
     * @throws ApiException BAD_REQUEST when missing, blank, too long or with control characters
     */
    public static String signature(String value) {
        return plainText(value, "signature", BlocklistService.MAX_SIGNATURE);
    }

    /** The uniqueness key of a domain: SHA-256 (hex) of its lower-case form. */
    public static String domainKey(String domain) {
        return sha256(domain.toLowerCase(Locale.ROOT));
    }

    /** The uniqueness key of a process row: SHA-256 (hex) of the lower-case name and signature. */
    public static String processKey(String process, String signature) {
        return sha256(process.toLowerCase(Locale.ROOT) + '\u0000' + signature.toLowerCase(Locale.ROOT));
    }

    private static String plainText(String value, String name, int max) {
        String v = Params.text(value, name, max);
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw ApiException.badRequest(name + " must not contain control characters");
            }
        }
        return v;
    }

    static boolean isDomainOrUrl(String d) {
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        String rest = d;
        boolean url = false;
        int sep = d.indexOf("://");
        if (sep >= 0) {
            if (!isScheme(d.substring(0, sep))) {
                return false;
            }
            rest = d.substring(sep + 3);
            url = true;
        }
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = rest.substring(0, end);
        if (url) {
            authority = authority.substring(authority.lastIndexOf('@') + 1);
        }
        String host = authority;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty() && !(after.startsWith(":") && isPort(after.substring(1)))) {
                return false;
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                if (!isPort(authority.substring(colon + 1))) {
                    return false;
                }
                host = authority.substring(0, colon);
            }
        }
        return isHost(host);
    }

    static boolean isHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.startsWith("[")) {
            return host.endsWith("]") && isIpv6(host.substring(1, host.length() - 1));
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.startsWith("*.")) {
            name = name.substring(2);
        }
        if (name.isEmpty()) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String address) {
        if (address.length() < 2 || !address.contains(":")) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isScheme(String scheme) {
        if (scheme.isEmpty() || !isAsciiLetter(scheme.charAt(0))) {
            return false;
        }
        for (int i = 1; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(port) <= 65535;
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
