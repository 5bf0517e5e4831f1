package io.armada.monitor.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * The three C library calls the node_exporter figures need and the JDK does not give: {@code statvfs} (file nodes
 * and the block sizes of a file system), {@code adjtimex} (the kernel clock discipline, read-only: modes 0) and
 * {@code getpagesize}. Through JNA (already on the node for OSHI and PAM), on 64-bit Linux only (the struct offsets
 * below are those of LP64); {@link #load()} answers null elsewhere and the figures are then absent.
 */
final class LibC {
    private static final Logger LOG = LoggerFactory.getLogger(LibC.class);

    /** The libc functions, bound by JNA. */
    public interface C extends Library {
        int statvfs(String path, Memory buf);

        int adjtimex(Memory buf);

        int getpagesize();
    }

    private final C c;

    private LibC(C c) {
        this.c = c;
    }

    /** The C library, or null where it cannot be bound (not 64-bit Linux, no JNA). */
    static LibC load() {
        if (!System.getProperty("os.name", "").equals("Linux") || Native.LONG_SIZE != 8) {
            return null;
        }
        try {
            return new LibC(Native.load("c", C.class));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("libc not bound: {}", e.toString());
            return null;
        }
    }

    /**
     * statvfs(3): {@code {f_bsize, f_frsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_favail, f_fsid,
     * f_flag}}, or null when the call fails.
     */
    long[] statvfs(String path) {
        try (Memory buf = new Memory(256)) {
            buf.clear();
            if (c.statvfs(path, buf) != 0) {
                return null;
            }
            long[] out = new long[10];
            for (int i = 0; i < out.length; i++) {
                out[i] = buf.getLong(i * 8L);
            }
            return out;
        }
    }

    /**
     * adjtimex(2) with modes 0 (reads, changes nothing): the clock state it returns, then the fields in
     * {@link Timex}' TX_* order; null when the call fails.
     */
    long[] adjtimex() {
        try (Memory buf = new Memory(256)) {
            buf.clear();
            int state = c.adjtimex(buf);
            if (state < 0) {
                return null;
            }
            // struct timex on LP64: modes(int)+pad, offset 8, freq 16, maxerror 24, esterror 32, status(int) 40,
            // constant 48, precision 56, tolerance 64, time 72..88, tick 88, ppsfreq 96, jitter 104, shift(int) 112,
            // stabil 120, jitcnt 128, calcnt 136, errcnt 144, stbcnt 152, tai(int) 160
            long[] t = new long[Timex.TX_FIELDS + 1];
            t[0] = state;
            t[1 + Timex.TX_OFFSET] = buf.getLong(8);
            t[1 + Timex.TX_FREQ] = buf.getLong(16);
            t[1 + Timex.TX_MAXERROR] = buf.getLong(24);
            t[1 + Timex.TX_ESTERROR] = buf.getLong(32);
            t[1 + Timex.TX_STATUS] = buf.getInt(40);
            t[1 + Timex.TX_CONSTANT] = buf.getLong(48);
            t[1 + Timex.TX_TICK] = buf.getLong(88);
            t[1 + Timex.TX_PPSFREQ] = buf.getLong(96);
            t[1 + Timex.TX_JITTER] = buf.getLong(104);
            t[1 + Timex.TX_SHIFT] = buf.getInt(112);
            t[1 + Timex.TX_STABIL] = buf.getLong(120);
            t[1 + Timex.TX_JITCNT] = buf.getLong(128);
            t[1 + Timex.TX_CALCNT] = buf.getLong(136);
            t[1 + Timex.TX_ERRCNT] = buf.getLong(144);
            t[1 + Timex.TX_STBCNT] = buf.getLong(152);
            t[1 + Timex.TX_TAI] = buf.getInt(160);
            return t;
        }
    }

    long pageSize() {
        return c.getpagesize();
    }
}
