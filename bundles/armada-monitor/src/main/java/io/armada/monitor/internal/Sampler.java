package io.armada.monitor.internal;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-second sampler: CPU ticks ({@code /proc/stat}), memory ({@code /proc/meminfo}) and the physical NICs'
 * counters ({@code /proc/net/dev}), three small files read with {@link ProcFiles}' parsers (OSHI where there is no
 * {@code /proc}). {@link #start()} and {@link #sample()} run on the monitor's thread only; the readers
 * ({@link #latest()}, {@link #window(int)}, {@link #figures(int)}) run on any thread.
 */
final class Sampler {
    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    static final int SAMPLES = 60;
    private static final long NIC_LIST_REFRESH_MS = 60_000;
    private static final Duration READY_WAIT = Duration.ofSeconds(15);

    private final CompletableFuture<Figures> ready = new CompletableFuture<>();
    private final SampleRing ring = new SampleRing(SAMPLES);
    private final AtomicLong sampleSeq = new AtomicLong();
    private volatile Latest latest;

    // written by the monitor thread only
    private long[] prevTicks;
    private List<String> sampledNics = List.of();
    /** When the NIC list was last read; meaningless until {@link #nicsListed}. */
    private long nicsListedAt;
    private boolean nicsListed;

    /** What the sampler saw last. */
    record Latest(long millis, double cpu, long[][] perCpuTicks, long memTotal, long memAvailable,
            NicFigure[] nics) {
    }

    /** Counters of one physical NIC at one sample (from /proc/net/dev). */
    record NicFigure(String name, long rxBytes, long txBytes, long rxPackets, long txPackets, long rxErrors,
            long txErrors, long rxDrops) {
    }

    /** Reads what the monitor knows of this machine and takes the first sample (on the monitor thread). */
    void start() {
        try {
            Figures f = new Figures();
            sample(f);
            ready.complete(f);
            LOG.debug("Monitor ready: {} logical CPUs", f.logicalCpus);
        } catch (RuntimeException | Error e) {
            LOG.error("The monitor could not read this machine's figures", e);
            ready.completeExceptionally(e);
        }
    }

    /** The sampler is gone: waiting readers fail at once. */
    void stop() {
        ready.completeExceptionally(new IllegalStateException("monitor stopped"));
    }

    /** One sample, once the sampler has started; a failure costs a warning. */
    void sample() {
        Figures f = ready.getNow(null);
        if (f == null) {
            return;
        }
        try {
            sample(f);
        } catch (RuntimeException e) {
            LOG.warn("Sampling failed: {}", e.toString());
        }
    }

    private void sample(Figures f) {
        long now = System.currentTimeMillis();
        long[][] perCpu = null;
        long[] memory = {-1, -1};
        if (f.userHz > 0) {
            try {
                perCpu = ProcFiles.toMillis(ProcFiles.cpuTicks(Files.readString(Figures.PROC_STAT), f.logicalCpus),
                        f.userHz);
                memory = ProcFiles.memTotalAvailable(Files.readString(Figures.PROC_MEMINFO));
            } catch (java.io.IOException e) {
                perCpu = null;
            }
        }
        if (perCpu == null) {
            perCpu = f.cpu().getProcessorCpuLoadTicks();
        }
        long[] ticks = sum(perCpu);
        double cpu = prevTicks == null ? Double.NaN : busyPercent(prevTicks, ticks);
        prevTicks = ticks;
        long total = memory[0] >= 0 ? memory[0] : f.memory().getTotal();
        long available = memory[1] >= 0 ? memory[1] : f.memory().getAvailable();
        Map<String, long[]> dev;
        try {
            dev = ProcFiles.netDev(Files.readString(Figures.PROC_NET_DEV));
        } catch (java.io.IOException e) {
            dev = Map.of();
        }
        // no sentinel such as Long.MIN_VALUE here: now - Long.MIN_VALUE overflows to a negative number, and the list
        // was never filled
        if (!nicsListed || now - nicsListedAt > NIC_LIST_REFRESH_MS) {
            List<String> physical = new ArrayList<>();
            for (String name : dev.keySet()) {
                if (Figures.isPhysicalNic(name)) {
                    physical.add(name);
                }
            }
            sampledNics = List.copyOf(physical);
            nicsListedAt = now;
            nicsListed = true;
        }
        List<NicFigure> nics = new ArrayList<>(sampledNics.size());
        for (String name : sampledNics) {
            long[] c = dev.get(name);
            if (c != null) {
                nics.add(new NicFigure(name, c[0], c[8], c[1], c[9], c[2], c[10], c[3]));
            }
        }
        String[] names = new String[nics.size()];
        long[] rx = new long[names.length];
        long[] tx = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = nics.get(i).name();
            rx[i] = nics.get(i).rxBytes();
            tx[i] = nics.get(i).txBytes();
        }
        ring.add(new Sample(now, cpu, memoryPercent(total, available), names, rx, tx));
        latest = new Latest(now, cpu, perCpu, total, available, nics.toArray(new NicFigure[0]));
        sampleSeq.incrementAndGet();
    }

    /** Samples taken since start. */
    long count() {
        return sampleSeq.get();
    }

    /** The last sample, or null before the first. */
    Latest latest() {
        return latest;
    }

    /** The last {@code n} samples, oldest first. */
    List<Sample> window(int n) {
        return ring.last(n);
    }

    /**
     * OSHI's objects, waiting up to 15 s for the first sample; a sampler that cannot start fails the route with
     * its own {@code code}.
     */
    Figures figures(int code) {
        try {
            return ready.get(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Codes.failure(code, e);
        } catch (ExecutionException | TimeoutException e) {
            throw Codes.failure(code, e);
        }
    }

    /** OSHI's objects for a reader that runs after {@link #figures(int)} succeeded. */
    Figures figures() {
        return ready.join();
    }

    /** Whether the first sample was taken. */
    boolean started() {
        return ready.getNow(null) != null;
    }

    static long[] sum(long[][] perCpu) {
        long[] total = new long[ProcFiles.TICK_TYPES];
        for (long[] cpu : perCpu) {
            for (int i = 0; i < total.length && i < cpu.length; i++) {
                total[i] += cpu[i];
            }
        }
        return total;
    }

    /** psutil's cpu_percent: busy = everything but idle and iowait, over the ticks between two readings, one decimal. */
    static double busyPercent(long[] before, long[] after) {
        long all = 0;
        for (int i = 0; i < after.length; i++) {
            all += Math.max(0, after[i] - before[i]);
        }
        long idle = Math.max(0, after[ProcFiles.TICK_IDLE] - before[ProcFiles.TICK_IDLE])
                + Math.max(0, after[ProcFiles.TICK_IOWAIT] - before[ProcFiles.TICK_IOWAIT]);
        if (all <= 0) {
            return 0.0;
        }
        return round1((all - idle) * 100.0 / all);
    }

    static double memoryPercent(long total, long available) {
        return total <= 0 ? 0.0 : round1((total - available) * 100.0 / total);
    }

    static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
