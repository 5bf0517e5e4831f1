package io.armada.agents.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.agents.AgentAnswer;
import io.armada.agents.AgentTarget;
import io.armada.agents.AgentTask;

/**
 * The calls of async requests to their nodes, bounded by "calls in flight", not by threads (a task is
 * non-blocking): past the bound, calls wait in arrival order, and a call whose request is finishing or whose
 * deadline passed while it waited is not made. It logs as the engine does ({@link AsyncEngine}'s logger).
 */
final class FanOut {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncEngine.class);

    /** Where a node's answer goes. */
    interface Answers {
        void answered(Active a, long agentId, AgentAnswer answer);
    }

    private final int maxInFlight;
    private final LongSupplier clock;
    private final Answers answers;
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    /** Calls in {@link #waiting} (the queue's own size() walks it). */
    private final AtomicInteger waitingCalls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    FanOut(int maxInFlight, LongSupplier clock, Answers answers) {
        this.maxInFlight = maxInFlight;
        this.clock = clock;
        this.answers = answers;
    }

    /** Node calls waiting for a slot. */
    int waitingCalls() {
        return waitingCalls.get();
    }

    /** Forgets the calls still waiting (the area stops). */
    void clear() {
        waiting.clear();
        waitingCalls.set(0);
    }

    /** Calls one target of a request now, or once a slot is free. */
    void call(Active a, AgentTarget t, AgentTask task, long deadlineMillis) {
        Runnable call = () -> {
            long left = deadlineMillis - clock.getAsLong();
            if (left <= 0 || a.finishing.get()) {
                release();
                return;
            }
            CompletionStage<AgentAnswer> stage;
            try {
                stage = task.call(t, Duration.ofMillis(left));
            } catch (RuntimeException e) {
                LOG.debug("Async request {}: call to agent {} failed to start: {}", a.id, t.agentId(), e.toString());
                release();
                return;
            }
            stage.whenComplete((answer, failure) -> {
                release();
                if (failure == null && answer != null) {
                    answers.answered(a, t.agentId(), answer);
                } else if (LOG.isDebugEnabled()) {
                    LOG.debug("Async request {}: agent {} did not answer: {}", a.id, t.agentId(), failure);
                }
            });
        };
        waitingCalls.incrementAndGet();
        waiting.add(call);
        pump();
    }

    private void pump() {
        while (inFlight.get() < maxInFlight) {
            if (inFlight.incrementAndGet() > maxInFlight) {
                inFlight.decrementAndGet();
                return;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                return;
            }
            waitingCalls.decrementAndGet();
            next.run();
        }
    }

    private void release() {
        inFlight.decrementAndGet();
        if (!waiting.isEmpty()) {
            pump();
        }
    }
}
