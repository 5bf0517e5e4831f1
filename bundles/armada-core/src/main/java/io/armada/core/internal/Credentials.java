package io.armada.core.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;

import io.armada.core.TokenService;

/**
 * The forms the fleet token may come in (SPEC §4), read the same way by the servlet gate in front of every request
 * ({@link TokenGateFilter}) and by the JAX-RS filter behind it ({@link TokenAuthFilter}): {@code Authorization:
 * Bearer}, {@code X-Armada-Token}, {@code Auth-Token}, {@code appkey}, {@code ?ticket=} and, for tars routes asked from
 * their own origin only, a {@code ticket} cookie (security review L1: a cookie a browser sends by itself must not
 * work from another site).
 */
final class Credentials {
    static final String[] HEADERS = {"X-Armada-Token", "Auth-Token", "appkey"};

    private Credentials() {
    }

    /** True when a header or the query carries the token. */
    static boolean explicit(TokenService tokens, UnaryOperator<String> header, String rawQuery) {
        String bearer = header.apply("Authorization");
        if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)
                && tokens.matches(bearer.substring(7).trim())) {
            return true;
        }
        for (String name : HEADERS) {
            String value = header.apply(name);
            if (value != null && tokens.matches(value.trim())) {
                return true;
            }
        }
        String ticket = queryParameter(rawQuery, "ticket");
        return ticket != null && tokens.matches(ticket);
    }

    /** True when any header names a credential at all (right or wrong): such a request is not a browser's own. */
    static boolean namesExplicit(UnaryOperator<String> header, String rawQuery) {
        if (header.apply("Authorization") != null || queryParameter(rawQuery, "ticket") != null) {
            return true;
        }
        for (String name : HEADERS) {
            if (header.apply(name) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a {@code ticket} cookie may stand for the token: only on a tars route (TarsWeb's browser front end is
     * the client that sets it), and only when the browser says the request comes from the same origin: no
     * {@code Origin} or one equal to the {@code Host} asked, and no {@code Sec-Fetch-Site} other than
     * {@code same-origin}/{@code none}.
     */
    static boolean cookieAllowed(boolean tarsRoute, UnaryOperator<String> header) {
        if (!tarsRoute) {
            return false;
        }
        String site = header.apply("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return false;
        }
        String origin = header.apply("Origin");
        if (origin == null) {
            return true;
        }
        String host = header.apply("Host");
        if (host == null) {
            return false;
        }
        try {
            URI o = URI.create(origin.trim());
            if (o.getHost() == null) {
                return false; // "null" and other opaque origins
            }
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return authority.toLowerCase(Locale.ROOT).equals(host.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The first value of a query parameter, decoded; {@code null} when absent or undecodable. */
    static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return null;
    }
}
