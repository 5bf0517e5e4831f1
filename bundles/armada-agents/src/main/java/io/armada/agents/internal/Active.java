package io.armada.agents.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.armada.agents.AsyncRequestView;
import io.armada.core.Timers;

/**
 * An unfinished async request this server keeps the deadline of: its targets, those that have not answered yet
 * ({@link #pending}, changed under the object's lock together with the queueing of an answer, see
 * {@link AsyncEngine#answered}), the one-way {@link #finishing} flag, its deadline task and the future its finish
 * completes.
 */
final class Active {
    final String id;
    final List<Long> targets;
    final Set<Long> pending = ConcurrentHashMap.newKeySet();
    final CompletableFuture<AsyncRequestView> finished = new CompletableFuture<>();
    final AtomicBoolean finishing = new AtomicBoolean();
    volatile long deadlineMillis;
    volatile Timers.Scheduled deadlineTask;

    Active(String id, List<Long> targets, long deadlineMillis) {
        this.id = id;
        this.targets = targets;
        this.deadlineMillis = deadlineMillis;
        pending.addAll(targets);
    }

    /** Cancels the scheduled deadline, if any. */
    void cancelDeadline() {
        Timers.Scheduled f = deadlineTask;
        if (f != null) {
            f.cancel();
        }
    }
}
