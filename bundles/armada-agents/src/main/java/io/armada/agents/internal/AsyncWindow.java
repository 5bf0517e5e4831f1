package io.armada.agents.internal;

import io.armada.agents.AsyncTiming;
import io.armada.core.ApiException;

/**
 * Goperation's {@code create_asyncrequest} time checks (wsgi/contorller.py), on the server's clock: the client's
 * {@code request_time} must be within 5 s of it, {@code finishtime} and {@code deadline} (client clock) are shifted
 * by the offset, and must leave at least 3 s each.
 */
public final class AsyncWindow {
    /** Largest accepted clock offset between client and server. */
    public static final long MAX_OFFSET = 5;

    private AsyncWindow() {
    }

    /**
     * @param now the server's epoch seconds
     * @param defaultFinish seconds from now to the default finish time ({@code rpc_send_timeout * (retry + 1) + 5})
     * @param maxSeconds the longest window accepted (deadline - now)
     */
    public static AsyncTiming compute(long now, Long requestTime, Long finishtime, Long deadline, Integer expire,
            int defaultExpire, long defaultFinish, long maxSeconds) {
        int exp = expire == null ? defaultExpire : expire;
        if (exp < 0) {
            throw ApiException.badRequest("Async argv expire less thne 0");
        }
        if (requestTime == null) {
            throw ApiException.badRequest("Async request need argument request_time");
        }
        long offset = now - requestTime;
        if (Math.abs(offset) > MAX_OFFSET) {
            throw ApiException.badRequest("The offset time between send and receive is " + offset);
        }
        long finish = finishtime != null && finishtime != 0 ? finishtime + offset : now + defaultFinish;
        if (finish - now < 3) {
            throw ApiException.badRequest("Job can not be finished in 3 second");
        }
        long dead = deadline != null && deadline != 0 ? deadline + offset - 1 : finish + 5;
        if (dead - finish < 3) {
            throw ApiException.badRequest("Job deadline must at least 3 second after finishtime");
        }
        if (dead - now > maxSeconds) {
            throw ApiException.badRequest("Job deadline is more than " + maxSeconds + " second away");
        }
        return new AsyncTiming(now, finish, dead, exp);
    }
}
