package io.armada.monitor.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * At most {@code max} attempts per key in a window of {@code windowMillis}, counted from the key's first attempt in
 * that window. The table is bounded: expired keys are dropped when it grows, and when it is full of live keys the
 * oldest key is evicted (review M7: refusing new keys let 4,096 invented names block every real check), so a flood
 * of keys costs a fixed amount of memory and can only forget old windows early.
 */
final class RateLimiter {
    static final int MAX_KEYS = 4096;

    private static final class Window {
        final long start;
        int count;

        Window(long start) {
            this.start = start;
        }
    }

    private final int max;
    private final long windowMillis;
    /** In insertion order: the first entry is the oldest window. */
    private final Map<String, Window> windows = new java.util.LinkedHashMap<>();

    RateLimiter(int max, long windowMillis) {
        if (max < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("password.attempts and password.window.seconds must be at least 1");
        }
        this.max = max;
        this.windowMillis = windowMillis;
    }

    /** Counts an attempt; false when the key has used up its window. */
    synchronized boolean tryAcquire(String key, long nowMillis) {
        Window w = windows.get(key);
        if (w == null || nowMillis - w.start >= windowMillis) {
            if (w == null && windows.size() >= MAX_KEYS) {
                purge(nowMillis);
                if (windows.size() >= MAX_KEYS) {
                    Iterator<String> oldest = windows.keySet().iterator();
                    oldest.next();
                    oldest.remove();
                }
            }
            // a fresh window goes to the end of the order
            windows.remove(key);
            w = new Window(nowMillis);
            windows.put(key, w);
        }
        if (w.count >= max) {
            return false;
        }
        w.count++;
        return true;
    }

    private void purge(long nowMillis) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext();) {
            if (nowMillis - it.next().start >= windowMillis) {
                it.remove();
            }
        }
    }

    synchronized int size() {
        return windows.size();
    }
}
