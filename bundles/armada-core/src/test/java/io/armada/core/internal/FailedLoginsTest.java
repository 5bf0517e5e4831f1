package io.armada.core.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class FailedLoginsTest {

    @Test
    public void anAddressIsBlockedPastTheLimitUntilItsWindowEnds() {
        AtomicLong now = new AtomicLong(1_000);
        FailedLogins f = new FailedLogins(now::get);
        for (int i = 0; i < FailedLogins.LIMIT - 1; i++) {
            f.failed("a");
        }
        assertFalse(f.blocked("a"));
        f.failed("a");
        assertTrue(f.blocked("a"));
        assertFalse("other addresses are not affected", f.blocked("b"));
        now.addAndGet(FailedLogins.WINDOW_NANOS);
        assertFalse("a new window", f.blocked("a"));
    }

    @Test
    public void aFullTableNeverLocksOutANewAddress() {
        FailedLogins f = new FailedLogins(() -> 5L);
        for (int i = 0; i < FailedLogins.MAX_ADDRESSES + 10; i++) {
            f.failed("10.0." + (i / 256) + "." + (i % 256));
        }
        assertFalse(f.blocked("new"));
        for (int i = 0; i < FailedLogins.LIMIT; i++) {
            f.failed("new");
        }
        assertTrue(f.blocked("new"));
    }
}
