package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

/** The /metrics page: once per sample, one builder at a time, the others served the previous page. */
public class MetricsPageTest {

    @Test
    public void aScrapeDuringABuildGetsThePreviousPageWithoutWaitingOrBuilding() throws Exception {
        MetricsPage page = new MetricsPage();
        AtomicInteger builds = new AtomicInteger();
        assertEquals("p0", page.get(0, () -> "p" + builds.getAndIncrement()));
        assertEquals("same sample: no build", "p0", page.get(0, () -> "p" + builds.getAndIncrement()));
        assertEquals(1, builds.get());

        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> page.get(1, () -> {
            entered.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            builds.incrementAndGet();
            return "p1";
        }));
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        // the build of sample 1 hangs (a dead mount): another scrape is answered with the previous page at once
        assertEquals("p0", page.get(1, () -> {
            throw new AssertionError("a second builder");
        }));
        release.countDown();
        assertEquals("p1", slow.get(30, TimeUnit.SECONDS));
        assertEquals("p1", page.get(1, () -> {
            throw new AssertionError("built twice");
        }));
        assertEquals(2, builds.get());
    }
}
