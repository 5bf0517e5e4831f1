package io.armada.monitor.internal;

import java.io.File;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Threads;

/**
 * statvfs of the filesystem collector's mounts with node_exporter's mount timeout: each call runs on a helper thread
 * and is waited for at most {@code timeoutMillis} (node_exporter: 5 s). A mount whose call has not returned is
 * "stuck": it is answered {@code device_error} 1 at once, with no new call, until the stuck call returns, so a dead
 * network mount costs one helper thread, never the page. The helpers exist only while calls run (none while idle:
 * they end 5 s after their last call, so none is left between two scrapes of a Prometheus, 15 s by default).
 */
final class FsStats {
    private static final Logger LOG = LoggerFactory.getLogger(FsStats.class);
    private static final int MAX_STUCK = 8;

    private final Function<String, long[]> statvfs;
    private final long timeoutMillis;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor helpers;

    /**
     * @param statvfs statvfs(3) as {@link LibC#statvfs}: {@code {f_bsize, f_frsize, f_blocks, f_bfree, f_bavail,
     *        f_files, f_ffree, ...}}, null when it fails; null: the JDK's sizes, without file nodes
     */
    FsStats(Function<String, long[]> statvfs, long timeoutMillis) {
        this.statvfs = statvfs;
        this.timeoutMillis = timeoutMillis;
        this.helpers = new ThreadPoolExecutor(0, MAX_STUCK + 1, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Threads.daemon("armada-monitor-statvfs"));
    }

    ProcMounts.FsStat stat(ProcMounts.Mount mount) {
        String point = mount.mountPoint();
        if (!inFlight.add(point)) {
            return error(mount); // its previous call has not returned: stuck
        }
        Future<long[]> call;
        try {
            call = helpers.submit(() -> {
                try {
                    return read(point);
                } finally {
                    inFlight.remove(point);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(point);
            return error(mount); // every helper is held by a stuck mount
        }
        long[] s;
        try {
            s = call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("statvfs of {} did not return within {} ms: reported as a device error until it does", point,
                    timeoutMillis);
            return error(mount);
        } catch (ExecutionException e) {
            return error(mount);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(mount);
        }
        return s == null ? error(mount) : new ProcMounts.FsStat(mount, false, s[2], s[3], s[4], s[5], s[6]);
    }

    /** The helpers end (a stuck one when its call returns). */
    void close() {
        helpers.shutdown();
    }

    /** {@code {-, -, size, free, avail, files, files_free}} in bytes, or null. */
    private long[] read(String point) {
        if (statvfs != null) {
            long[] s = statvfs.apply(point);
            if (s == null) {
                return null;
            }
            long bsize = s[0]; // node_exporter: blocks × f_bsize
            return new long[] {0, 0, s[2] * bsize, s[3] * bsize, s[4] * bsize, s[5], s[6]};
        }
        File f = new File(point);
        long total = f.getTotalSpace();
        if (total <= 0 && !f.isDirectory()) {
            return null;
        }
        return new long[] {0, 0, total, f.getFreeSpace(), f.getUsableSpace(), -1, -1};
    }

    private static ProcMounts.FsStat error(ProcMounts.Mount mount) {
        return new ProcMounts.FsStat(mount, true, -1, -1, -1, -1, -1);
    }
}
