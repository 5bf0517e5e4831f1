package io.armada.monitor.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The {@code /metrics} page, built at most once per sample and by one scrape at a time: scrapes of the same sample
 * share it, and while one scrape builds the next page the others get the previous one instead of building it too
 * or waiting (a statvfs that hangs on a dead network mount then holds one scrape, not every one). Only the very first
 * page makes callers wait.
 */
final class MetricsPage {
    private record Page(long seq, String text) {
    }

    private final ReentrantLock building = new ReentrantLock();
    private volatile Page page;

    /** The page of sample {@code seq}, built with {@code build} when this caller is the one to build it. */
    String get(long seq, Supplier<String> build) {
        Page p = page;
        if (p != null && p.seq() == seq) {
            return p.text();
        }
        if (p != null && !building.tryLock()) {
            return p.text(); // another scrape is building it
        }
        if (p == null) {
            building.lock();
        }
        try {
            p = page;
            if (p != null && p.seq() == seq) {
                return p.text();
            }
            String text = build.get();
            page = new Page(seq, text);
            return text;
        } finally {
            building.unlock();
        }
    }
}
