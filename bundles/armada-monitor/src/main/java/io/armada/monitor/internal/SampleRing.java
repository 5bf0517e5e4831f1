package io.armada.monitor.internal;

import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} samples (the seed's 60 one-second samples), oldest first. Thread-safe. */
final class SampleRing {
    private final Sample[] slots;
    private int next;
    private int size;

    SampleRing(int capacity) {
        this.slots = new Sample[capacity];
    }

    synchronized void add(Sample s) {
        slots[next] = s;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
    }

    /** The newest sample, or null before the first. */
    synchronized Sample latest() {
        return size == 0 ? null : slots[(next - 1 + slots.length) % slots.length];
    }

    /** Up to {@code n} newest samples, oldest first. */
    synchronized List<Sample> last(int n) {
        int count = Math.min(n, size);
        List<Sample> out = new ArrayList<>(count);
        for (int i = count; i > 0; i--) {
            out.add(slots[(next - i + slots.length) % slots.length]);
        }
        return out;
    }

    int capacity() {
        return slots.length;
    }
}
