package io.armada.jobs.internal;

import java.security.SecureRandom;
import java.util.regex.Pattern;

import io.armada.core.ApiException;

/**
 * JOBX's task uuids (reference §001.2, {@code JOBX/lib/uuid.pm}): 12 characters of {@code [A-Za-z0-9]}, a new one
 * ending with a lower-case letter. The last character tells the role: a lower-case letter is a deploy, anything else
 * a rollback; a deploy's rollback uuid is the same uuid with its last letter upper-cased, so each deploy has at most
 * one rollback (the uuid is unique).
 */
public final class TaskUuids {
    public static final String DEPLOY = "deploy";
    public static final String ROLLBACK = "rollback";
    static final int LENGTH = 12;
    private static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final Pattern ANY = Pattern.compile("[a-zA-Z0-9]{1,64}");
    private static final Pattern TWELVE = Pattern.compile("[a-zA-Z0-9]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TaskUuids() {
    }

    /** A new deploy uuid: 11 random characters and a lower-case letter. */
    public static String create() {
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH - 1; i++) {
            b.append(CHARS.charAt(RANDOM.nextInt(CHARS.length())));
        }
        return b.append(LOWER.charAt(RANDOM.nextInt(LOWER.length()))).toString();
    }

    /** {@code deploy} when the last character is {@code a}..{@code z}, else {@code rollback}. */
    public static String role(String uuid) {
        char last = uuid.charAt(uuid.length() - 1);
        return last >= 'a' && last <= 'z' ? DEPLOY : ROLLBACK;
    }

    /** The same uuid with its last character upper-cased. */
    public static String rollbackOf(String uuid) {
        return uuid.substring(0, uuid.length() - 1) + Character.toUpperCase(uuid.charAt(uuid.length() - 1));
    }

    /** The same uuid with its last character lower-cased. */
    public static String deployOf(String uuid) {
        return uuid.substring(0, uuid.length() - 1) + Character.toLowerCase(uuid.charAt(uuid.length() - 1));
    }

    /** A uuid given in a path or body: letters and digits ({@code ^[a-zA-Z0-9]+$} as JOBX), at most 64. */
    public static String check(String uuid, String field) {
        if (uuid == null || !ANY.matcher(uuid).matches()) {
            throw ApiException.badRequest("check format fail " + field);
        }
        return uuid;
    }

    /** The third-party interface's uuid: exactly 12 letters and digits. */
    public static String checkTwelve(String uuid, String field) {
        if (uuid == null || !TWELVE.matcher(uuid).matches()) {
            throw ApiException.badRequest("check format fail " + field);
        }
        return uuid;
    }

    /**
     * JOBX's {@code makeuuid}: the first 11 characters of {@code uuid} and the letter number {@code retryCount}
     * ({@code a} for 0 or none, {@code z} for 25 and above), so that each retry of a third-party call is a new deploy.
     */
    public static String third(String uuid, Integer retryCount) {
        int r = retryCount == null ? 0 : retryCount;
        if (r < 0 || r >= LOWER.length()) {
            r = LOWER.length() - 1;
        }
        String head = uuid.length() > LENGTH - 1 ? uuid.substring(0, LENGTH - 1) : uuid;
        return head + LOWER.charAt(r);
    }
}
