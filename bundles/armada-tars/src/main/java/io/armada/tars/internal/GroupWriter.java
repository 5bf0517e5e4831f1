package io.armada.tars.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Group commit of summed rows: concurrent batches are merged by key and written by one caller at a time, in one
 * transaction. Derby's scans wait on rows other transactions inserted and have not committed, so concurrent batches
 * writing neighbouring keys of one index timed out on each other's locks (bench/tars-exec.sh, 20 clients); here the
 * caller holding the lock writes every batch queued meanwhile, and the others find theirs written.
 *
 * @param <K> the key
 * @param <V> a summed row
 */
final class GroupWriter<K, V> {
    private final Function<V, K> key;
    private final BinaryOperator<V> merge;
    private final Consumer<Collection<V>> write;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<V>> queue = new ConcurrentLinkedQueue<>();

    private record Pending<V>(Collection<V> rows, CompletableFuture<Void> done) {
    }

    GroupWriter(Function<V, K> key, BinaryOperator<V> merge, Consumer<Collection<V>> write) {
        this.key = key;
        this.merge = merge;
        this.write = write;
    }

    /** Writes {@code rows} (with whatever else is queued); throws what the write threw. */
    void write(Collection<V> rows) {
        Pending<V> p = new Pending<>(rows, new CompletableFuture<>());
        queue.add(p);
        lock.lock();
        try {
            if (!p.done().isDone()) {
                List<Pending<V>> group = new ArrayList<>();
                for (Pending<V> q; (q = queue.poll()) != null;) {
                    group.add(q);
                }
                Map<K, V> merged = new HashMap<>();
                for (Pending<V> q : group) {
                    for (V v : q.rows()) {
                        merged.merge(key.apply(v), v, merge);
                    }
                }
                try {
                    write.accept(merged.values());
                    group.forEach(q -> q.done().complete(null));
                } catch (RuntimeException e) {
                    group.forEach(q -> q.done().completeExceptionally(e));
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            p.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
