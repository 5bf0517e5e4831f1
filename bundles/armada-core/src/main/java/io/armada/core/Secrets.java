package io.armada.core;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masking for anything that may reach a log line or an error message (SPEC §4: nothing secret is logged).
 *
 * @since 1.0
 */
public final class Secrets {
    private static final Set<String> SECRET_KEYS = Set.of(
            "password", "passwd", "pwd", "token", "secret", "appkey", "ticket", "auth-token", "authorization",
            "x-armada-token", "cookie");

    private Secrets() {
    }

    /**
     * A secret as it may appear in a log: its first two characters, then its length. Short secrets show nothing.
     *
     * @param secret the secret, may be {@code null}
     * @return a masked text such as {@code "ab****(43 chars)"}
     */
    public static String mask(String secret) {
        if (secret == null) {
            return "null";
        }
        if (secret.length() < 12) {
            return "****";
        }
        return secret.substring(0, 2) + "****(" + secret.length() + " chars)";
    }

    /**
     * Whether a field or header name carries a secret.
     *
     * @param key a field or header name, case-insensitive
     * @return {@code true} for password, token, appkey, ticket and their kin
     */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_KEYS.contains(k) || k.contains("password") || k.contains("token") || k.contains("secret");
    }

    /**
     * A shallow copy of a map with the values of secret keys replaced by {@code "****"}; for logging request
     * fields.
     *
     * @param fields request fields, may be {@code null}
     * @return a new map, safe to log
     */
    public static Map<String, Object> redact(Map<String, ?> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> out.put(k, isSecretKey(k) && v != null ? "****" : v));
        }
        return out;
    }
}
