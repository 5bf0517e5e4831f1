package io.armada.monitor.internal;

/**
 * One second of the sampler: when, CPU load over the second before (NaN for the first sample, which has no previous
 * reading), memory utilisation, and the cumulative byte counters of the physical NICs.
 *
 * @param millis wall-clock time of the sample
 * @param cpu percent busy since the previous sample, NaN when unknown
 * @param memory percent of memory in use ((total - available) / total)
 * @param nics NIC names, parallel to {@code rx} and {@code tx}
 * @param rx cumulative bytes received per NIC
 * @param tx cumulative bytes sent per NIC
 */
record Sample(long millis, double cpu, double memory, String[] nics, long[] rx, long[] tx) {

    /** Index of a NIC in this sample, -1 when absent. */
    int indexOf(String nic) {
        for (int i = 0; i < nics.length; i++) {
            if (nics[i].equals(nic)) {
                return i;
            }
        }
        return -1;
    }
}
