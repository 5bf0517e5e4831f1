package io.armada.scheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.armada.scheduler.JobRun;

/**
 * Group commit of runs: fires that end together have their runs written in one transaction (one log sync of the
 * database instead of one each), by one writer thread that exists only while there is something to write. A fire
 * waits for its run to be committed, so a run is recorded before its fire completes, as if written alone.
 */
final class RunRecorder {
    static final int MAX_BATCH = 200;
    static final int MAX_QUEUE = 10_000;

    private final JobDao dao;
    private final int keep;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUE);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService writer;

    private record Pending(JobDao.NewRun run, CompletableFuture<Optional<JobRun>> done) {
    }

    RunRecorder(JobDao dao, int keep) {
        this.dao = dao;
        this.keep = keep;
        this.writer = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "armada-scheduler-runs");
            t.setDaemon(true);
            return t;
        });
    }

    /** Records a run; completes when it is committed (or exceptionally when the write failed). */
    CompletableFuture<Optional<JobRun>> record(JobDao.NewRun run) {
        Pending p = new Pending(run, new CompletableFuture<>());
        if (!queue.offer(p)) {
            // a full queue: this fire writes its run itself
            try {
                p.done().complete(dao.addRuns(List.of(run), keep).get(0));
            } catch (RuntimeException e) {
                p.done().completeExceptionally(e);
            }
            return p.done();
        }
        if (draining.compareAndSet(false, true)) {
            try {
                writer.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                draining.set(false);
                fail(List.of(p), e);
            }
        }
        return p.done();
    }

    private void drain() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            queue.drainTo(batch, MAX_BATCH);
            if (batch.isEmpty()) {
                draining.set(false);
                // a record that came after the drain found nothing, but before the flag was down: take it too
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                List<Optional<JobRun>> out = dao.addRuns(batch.stream().map(Pending::run).toList(), keep);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(out.get(i));
                }
            } catch (RuntimeException e) {
                fail(batch, e);
            }
        }
    }

    private static void fail(List<Pending> batch, Exception e) {
        for (Pending p : batch) {
            p.done().completeExceptionally(e);
        }
    }

    /** Stops taking runs; those queued are still written. */
    void close() {
        writer.shutdown();
    }
}
