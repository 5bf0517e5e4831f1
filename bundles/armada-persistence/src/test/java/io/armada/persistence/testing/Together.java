package io.armada.persistence.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the same work on several threads released at one moment (one latch), as several servers or clients at once, and
 * waits for all of them: the order is forced as far as a test can force it, never timed.
 */
public final class Together {
    private Together() {
    }

    /** What each of the threads does; {@code i} is the thread's number, 0 to n - 1. */
    @FunctionalInterface
    public interface Work<T> {
        T run(int i) throws Exception;
    }

    /**
     * Runs {@code work} on {@code n} threads released together and returns their results in the threads' order.
     *
     * @throws ExecutionException the first failure of a thread (an assertion error included), so it fails the test
     * @throws TimeoutException when a thread has not ended within 120 s
     */
    public static <T> List<T> run(int n, Work<T> work) throws InterruptedException, ExecutionException,
            TimeoutException {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int number = i;
                Callable<T> task = () -> {
                    go.await();
                    return work.run(number);
                };
                each.add(pool.submit(task));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : each) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
