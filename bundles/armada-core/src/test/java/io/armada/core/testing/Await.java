package io.armada.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The bounded wait every area's tests use: polls a condition until it holds, and fails after the deadline. */
public final class Await {
    private Await() {
    }

    /**
     * Polls {@code condition} every 20 ms until it holds.
     *
     * @throws AssertionError naming {@code what} when it does not hold by {@code deadline}
     */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for " + what);
        }
    }

    /** As {@link #until(String, Duration, BooleanSupplier)} with 10 s. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, Duration.ofSeconds(10), condition);
    }
}
