package io.armada.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts wrong tokens per client address (security review L10): past {@link #LIMIT} in a window of
 * {@link #WINDOW_NANOS}, that address's tokens are not even compared until the window ends, so a weak token cannot be
 * guessed at request speed. Only requests that present a wrong credential count; requests without any (a browser,
 * a probe) do not. The table is bounded: when it is full it starts over, so it can never lock out new addresses.
 */
final class FailedLogins {
    static final int LIMIT = 20;
    static final long WINDOW_NANOS = 60_000_000_000L;
    static final int MAX_ADDRESSES = 4096;

    private record Window(long start, int failures) {
    }

    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    FailedLogins() {
        this(System::nanoTime);
    }

    FailedLogins(LongSupplier clock) {
        this.clock = clock;
    }

    /** True while the address is over its limit for the current window. */
    boolean blocked(String address) {
        Window w = byAddress.get(address);
        if (w == null) {
            return false;
        }
        if (clock.getAsLong() - w.start() >= WINDOW_NANOS) {
            byAddress.remove(address, w);
            return false;
        }
        return w.failures() >= LIMIT;
    }

    /** One more wrong credential from the address. */
    void failed(String address) {
        long now = clock.getAsLong();
        if (byAddress.size() >= MAX_ADDRESSES && !byAddress.containsKey(address)) {
            byAddress.values().removeIf(w -> now - w.start() >= WINDOW_NANOS);
            if (byAddress.size() >= MAX_ADDRESSES) {
                byAddress.clear();
            }
        }
        byAddress.merge(address, new Window(now, 1), (old, one) -> now - old.start() >= WINDOW_NANOS
                ? one : new Window(old.start(), old.failures() + 1));
    }
}
