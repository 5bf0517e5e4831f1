package io.armada.monitor.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.armada.monitor.ResourceStatis;
import io.armada.monitor.ResourceStatis.DiskUse;
import io.armada.monitor.ResourceStatis.NicRates;

/**
 * The arithmetic of {@code resource_statis} (originals.md §003.4): averages over the last N one-second samples.
 * {@code cpu_util} and {@code memory_util} are means formatted {@code "%.2f"} (strings); per NIC, the N samples give
 * N-1 consecutive differences of the cumulative counters, as bytes per second: average (truncated to an integer) and
 * maximum, for reads (received), writes (sent) and their sum.
 */
final class Statis {
    /** Smallest and largest accepted {@code statis_period}. */
    static final int MIN_PERIOD = 2;
    static final int MAX_PERIOD = 60;

    private Statis() {
    }

    /**
     * @param window the last N samples, oldest first (fewer when the sampler has not run N seconds yet)
     * @param nicIps NIC → IPv4 address ("" when none)
     * @param diskUtil mount → its use, the latest snapshot
     */
    static ResourceStatis compute(List<Sample> window, Map<String, String> nicIps, Map<String, DiskUse> diskUtil) {
        Map<String, NicRates> nics = new LinkedHashMap<>();
        Sample last = window.isEmpty() ? null : window.get(window.size() - 1);
        if (last != null) {
            for (String nic : last.nics()) {
                nics.put(nic, nicRates(window, nic, nicIps.getOrDefault(nic, "")));
            }
        }
        return new ResourceStatis(format(mean(window, true)), diskUtil, format(mean(window, false)), nics,
                last == null ? System.currentTimeMillis() / 1000 : last.millis() / 1000);
    }

    /** Two decimals with a dot, whatever the default locale. */
    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Mean CPU (NaN readings skipped) or memory percentage; 0 without readings. */
    static double mean(List<Sample> window, boolean cpu) {
        double sum = 0;
        int n = 0;
        for (Sample s : window) {
            double v = cpu ? s.cpu() : s.memory();
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    static NicRates nicRates(List<Sample> window, String nic, String ip) {
        long readSum = 0;
        long readMax = 0;
        long writeSum = 0;
        long writeMax = 0;
        long bothSum = 0;
        long bothMax = 0;
        int n = 0;
        for (int i = 1; i < window.size(); i++) {
            Sample a = window.get(i - 1);
            Sample b = window.get(i);
            int ia = a.indexOf(nic);
            int ib = b.indexOf(nic);
            long ms = b.millis() - a.millis();
            if (ia < 0 || ib < 0 || ms <= 0) {
                continue;
            }
            long read = perSecond(b.rx()[ib] - a.rx()[ia], ms);
            long write = perSecond(b.tx()[ib] - a.tx()[ia], ms);
            readSum += read;
            writeSum += write;
            bothSum += read + write;
            readMax = Math.max(readMax, read);
            writeMax = Math.max(writeMax, write);
            bothMax = Math.max(bothMax, read + write);
            n++;
        }
        return new NicRates(ip, n == 0 ? 0 : readSum / n, readMax, n == 0 ? 0 : writeSum / n, writeMax,
                n == 0 ? 0 : bothSum / n, bothMax);
    }

    /**
     * Bytes per second from a counter difference over {@code ms} milliseconds; a counter that went backwards (NIC
     * reset, wrap) counts as 0. The sampler runs every second, so this is the seed's plain difference of two
     * consecutive samples, corrected when a sample came late.
     */
    static long perSecond(long delta, long ms) {
        if (delta <= 0) {
            return 0;
        }
        return ms == 1000 ? delta : Math.round(delta * 1000.0 / ms);
    }
}
