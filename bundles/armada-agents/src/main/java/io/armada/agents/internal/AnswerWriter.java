package io.armada.agents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Threads;

/**
 * The one thread that writes collected answers and finishes requests, in arrival order. Consecutive answers
 * are written in one transaction. It logs as the engine does ({@link AsyncEngine}'s logger).
 */
final class AnswerWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncEngine.class);
    private final AsyncDao dao;
    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;

    private record Op(Runnable work, ResponseRow answer) {
    }

    AnswerWriter(AsyncDao dao) {
        this.dao = dao;
    }

    void start() {
        running = true;
        thread = Threads.daemon("armada-agents-writer").newThread(this);
        thread.start();
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.interrupt();
        }
    }

    /** Queues work for the writer's thread, after everything queued before it. */
    void enqueue(Runnable work) {
        queue.add(new Op(work, null));
    }

    /** Queues an answer, written together with the answers queued right before and after it. */
    void enqueueAnswer(ResponseRow answer) {
        queue.add(new Op(() -> write(List.of(answer)), answer));
    }

    @Override
    public void run() {
        List<Op> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Op first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, 511);
                List<ResponseRow> answers = new ArrayList<>();
                for (Op op : batch) {
                    if (op.answer() != null) {
                        answers.add(op.answer());
                    } else {
                        flush(answers);
                        run(op.work());
                    }
                }
                flush(answers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void flush(List<ResponseRow> answers) {
        if (!answers.isEmpty()) {
            List<ResponseRow> rows = List.copyOf(answers);
            answers.clear();
            run(() -> write(rows));
        }
    }

    private void run(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("Async request bookkeeping failed", e);
        }
    }

    private void write(List<ResponseRow> rows) {
        List<AsyncDao.Outcome> outcomes = dao.respondAll(rows);
        for (int i = 0; i < rows.size(); i++) {
            if (outcomes.get(i) == AsyncDao.Outcome.DUPLICATE) {
                LOG.debug("Async request {}: agent {} had answered already", rows.get(i).requestId(),
                        rows.get(i).agentId());
            }
        }
    }
}
