package io.armada.monitor.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.Dialect;
import io.armada.core.ErrorKind;
import io.armada.core.Threads;

/**
 * {@code verify_password}: a user name check, three rate limits (per user and address, per address across users, per
 * node), then PAM on one thread of its own with a short queue (review M7). The password is never logged, nor put in a
 * message.
 */
final class PasswordVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordVerifier.class);
    /** Checks that may wait for the PAM thread; more are refused at once. */
    static final int QUEUE = 4;
    /** How long a caller waits for its check. */
    static final long WAIT_SECONDS = 15;

    private final MonitorConfiguration config;
    private final PasswordCheck passwords;
    private final RateLimiter perUser;
    private final RateLimiter perSource;
    private final RateLimiter total;
    /** One PAM thread that exists only while checks wait. */
    private final ThreadPoolExecutor pam;

    PasswordVerifier(MonitorConfiguration config, PasswordCheck passwords) {
        this.config = config;
        this.passwords = passwords;
        long window = config.password_window_seconds() * 1000L;
        this.perUser = new RateLimiter(config.password_attempts(), window);
        this.perSource = new RateLimiter(config.password_attempts_per_source(), window);
        this.total = new RateLimiter(config.password_attempts_total(), window);
        this.pam = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Threads.daemon("armada-monitor-pam"));
        pam.allowCoreThreadTimeOut(true);
    }

    /** Refuses (monitor code) a wrong or over-limit check; returns when the password is right. */
    void verify(String user, String password, String source) {
        String u = user.trim();
        if (u.length() > 256 || !u.chars().allMatch(c -> c > 32 && c != 127 && c != ':' && c != '/')) {
            throw Codes.refuse(Codes.VERIFY_PASSWORD_ERROR, "wrong user or password");
        }
        String from = source == null ? "" : source;
        long now = System.currentTimeMillis();
        // per user and address, per address across users (review M7: spraying), and for the whole node
        if (!perUser.tryAcquire(u + "|" + from, now) || !perSource.tryAcquire(from, now) || !total.tryAcquire("", now)) {
            LOG.warn("verify_password for {} from {}: too many attempts", u, source);
            throw Codes.refuse(Codes.VERIFY_PASSWORD_ERROR,
                    "too many attempts; wait " + config.password_window_seconds() + " s");
        }
        Future<Boolean> check;
        try {
            check = pam.submit(() -> passwords.check(config.pam_service(), u, password));
        } catch (RejectedExecutionException busy) {
            // review M7: failed PAM checks take seconds each; queued behind a lock they held every request thread
            throw Codes.refuse(Codes.VERIFY_PASSWORD_ERROR, "too many checks at once; try again later");
        }
        boolean ok;
        try {
            ok = check.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException slow) {
            check.cancel(true);
            throw Codes.refuse(Codes.VERIFY_PASSWORD_ERROR, "the password check took too long; try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException e) {
            LOG.error("verify_password: PAM is not usable: {}", e.getCause() == null ? e : e.getCause().getMessage());
            throw unavailable();
        }
        if (!ok) {
            LOG.debug("verify_password for {} from {}: wrong", u, source);
            throw Codes.refuse(Codes.VERIFY_PASSWORD_ERROR, "wrong user or password");
        }
        LOG.debug("verify_password for {} from {}: right", u, source);
    }

    private static ApiException unavailable() {
        return new ApiException(ErrorKind.UNAVAILABLE, Dialect.MONITOR_SYSTEM_ERROR,
                Dialect.monitorText(Dialect.MONITOR_SYSTEM_ERROR), null, null);
    }

    int waiting() {
        return pam.getQueue().size();
    }

    void close() {
        pam.shutdownNow();
    }
}
