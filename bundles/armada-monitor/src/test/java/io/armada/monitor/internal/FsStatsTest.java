package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

import io.armada.core.testing.Await;

/** statvfs with node_exporter's mount timeout: a hung mount is a device error, asked again only once it returned. */
public class FsStatsTest {

    @Test
    public void aHungMountIsADeviceErrorAndIsNotAskedAgainUntilItsCallReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hungCalls = new AtomicInteger();
        FsStats stats = new FsStats(point -> {
            if (point.equals("/hung")) {
                hungCalls.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new long[] {4096, 4096, 10, 5, 4, 100, 50};
        }, 200);
        ProcMounts.Mount ok = new ProcMounts.Mount("/dev/a", "/ok", "ext4", false);
        ProcMounts.Mount hung = new ProcMounts.Mount("nfs:/x", "/hung", "nfs4", false);

        ProcMounts.FsStat a = stats.stat(ok);
        assertFalse(a.error());
        assertEquals(40960, a.size());
        assertEquals(16384, a.avail());
        assertEquals(100, a.files());
        assertEquals(50, a.filesFree());

        assertTrue(stats.stat(hung).error());
        assertTrue("still stuck: answered without a new call", stats.stat(hung).error());
        assertEquals(1, hungCalls.get());
        assertFalse("other mounts are not held", stats.stat(ok).error());

        release.countDown();
        Await.until("the hung call returned", () -> !stats.stat(hung).error());
        assertTrue(hungCalls.get() >= 2);
        stats.close();
    }

    @Test
    public void aFailingStatvfsIsADeviceError() {
        FsStats stats = new FsStats(point -> null, 5_000);
        assertTrue(stats.stat(new ProcMounts.Mount("/dev/b", "/gone", "ext4", false)).error());
        stats.close();
    }
}
