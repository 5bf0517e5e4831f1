package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.gauge;
import static io.armada.monitor.internal.ProcMetrics.counter;

/** adjtimex(2)'s answer: node_exporter's timex collector. */
final class Timex {
    /** adjtimex(2)'s fields as raw longs, in {@link #timex}'s order. */
    static final int TX_OFFSET = 0;
    static final int TX_FREQ = 1;
    static final int TX_MAXERROR = 2;
    static final int TX_ESTERROR = 3;
    static final int TX_STATUS = 4;
    static final int TX_CONSTANT = 5;
    static final int TX_TICK = 6;
    static final int TX_PPSFREQ = 7;
    static final int TX_JITTER = 8;
    static final int TX_SHIFT = 9;
    static final int TX_STABIL = 10;
    static final int TX_JITCNT = 11;
    static final int TX_CALCNT = 12;
    static final int TX_ERRCNT = 13;
    static final int TX_STBCNT = 14;
    static final int TX_TAI = 15;
    static final int TX_FIELDS = 16;

    private Timex() {
    }

    /** The timex collector from adjtimex(2)'s answer: {@code state} (its return value, 5 = TIME_ERROR) and fields. */
    static void timex(int state, long[] t, MetricsText m) {
        final double ppm16frac = 1_000_000.0 * 65536.0;
        final int staNano = 0x2000;
        double divisor = (t[TX_STATUS] & staNano) != 0 ? 1e9 : 1e6;
        gauge(m, "node_timex_offset_seconds", "Time offset in between local system and reference clock.", t[TX_OFFSET] / divisor);
        gauge(m, "node_timex_frequency_adjustment_ratio", "Local clock frequency adjustment.", 1 + t[TX_FREQ] / ppm16frac);
        gauge(m, "node_timex_maxerror_seconds", "Maximum error in seconds.", t[TX_MAXERROR] / 1e6);
        gauge(m, "node_timex_estimated_error_seconds", "Estimated error in seconds.", t[TX_ESTERROR] / 1e6);
        gauge(m, "node_timex_status", "Value of the status array bits.", t[TX_STATUS]);
        gauge(m, "node_timex_loop_time_constant", "Phase-locked loop time constant.", t[TX_CONSTANT]);
        gauge(m, "node_timex_tick_seconds", "Seconds between clock ticks.", t[TX_TICK] / 1e6);
        gauge(m, "node_timex_pps_frequency_hertz", "Pulse per second frequency.", t[TX_PPSFREQ] / ppm16frac);
        gauge(m, "node_timex_pps_jitter_seconds", "Pulse per second jitter.", t[TX_JITTER] / divisor);
        gauge(m, "node_timex_pps_shift_seconds", "Pulse per second interval duration.", t[TX_SHIFT]);
        gauge(m, "node_timex_pps_stability_hertz", "Pulse per second stability, average of recent frequency changes.",
                t[TX_STABIL] / ppm16frac);
        counter(m, "node_timex_pps_jitter_total", "Pulse per second count of jitter limit exceeded events.", t[TX_JITCNT]);
        counter(m, "node_timex_pps_calibration_total", "Pulse per second count of calibration intervals.", t[TX_CALCNT]);
        counter(m, "node_timex_pps_error_total", "Pulse per second count of calibration errors.", t[TX_ERRCNT]);
        counter(m, "node_timex_pps_stability_exceeded_total", "Pulse per second count of stability limit exceeded events.",
                t[TX_STBCNT]);
        gauge(m, "node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset.", t[TX_TAI]);
        gauge(m, "node_timex_sync_status", "Is clock synchronized to a reliable server (1 = yes, 0 = no).", state == 5 ? 0 : 1);
    }
}
