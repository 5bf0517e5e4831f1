package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The verify_password windows: counted per key, bounded, and never full (review M7). */
public class RateLimiterTest {

    @Test
    public void aKeyHasMaxAttemptsPerWindow() {
        RateLimiter r = new RateLimiter(2, 1000);
        assertTrue(r.tryAcquire("a", 0));
        assertTrue(r.tryAcquire("a", 10));
        assertFalse(r.tryAcquire("a", 20));
        assertTrue(r.tryAcquire("b", 20));
        assertTrue(r.tryAcquire("a", 1000));
    }

    @Test
    public void aFullTableOfLiveKeysEvictsTheOldestInsteadOfRefusingNewKeys() {
        RateLimiter r = new RateLimiter(1, 60_000);
        // 4,096 invented names used to fill the table and refuse every new key, real checks included, for a window
        for (int i = 0; i < RateLimiter.MAX_KEYS; i++) {
            assertTrue(r.tryAcquire("invented-" + i, 1));
        }
        assertEquals(RateLimiter.MAX_KEYS, r.size());
        assertTrue("a new key is still checked", r.tryAcquire("alice|10.0.0.1", 2));
        assertEquals(RateLimiter.MAX_KEYS, r.size());
        assertFalse("its own window still counts", r.tryAcquire("alice|10.0.0.1", 3));
        // the oldest went first
        assertTrue(r.tryAcquire("invented-0", 4));
    }
}
