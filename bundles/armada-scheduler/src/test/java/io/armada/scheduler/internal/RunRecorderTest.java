package io.armada.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.armada.scheduler.JobRun;
import io.armada.scheduler.JobSpec;
import io.armada.scheduler.JobState;

/** Group commit of runs: every run written once, each fire answered with its own run, failures reported. */
public class RunRecorderTest {

    /** A DAO that keeps the batches it was given. */
    static final class Batches implements JobDao {
        final List<List<NewRun>> batches = Collections.synchronizedList(new ArrayList<>());
        volatile boolean broken;

        @Override
        public List<Optional<JobRun>> addRuns(List<NewRun> runs, int keep) {
            if (broken) {
                throw new IllegalStateException("database down");
            }
            batches.add(List.copyOf(runs));
            List<Optional<JobRun>> out = new ArrayList<>();
            for (NewRun r : runs) {
                out.add(r.jobId() < 0 ? Optional.empty()
                        : Optional.of(new JobRun(r.jobId(), r.jobId(), r.scheduled(), r.start(), r.end(), r.success(),
                                r.result(), r.steps())));
            }
            return out;
        }

        @Override
        public JobRow insert(JobSpec spec, long createdSeconds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<JobRow> find(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<JobRow> replace(long id, JobSpec spec, JobState state) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<JobRow> setState(long id, JobState state) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<JobRow> delete(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<JobRow> page(int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Long> ids(int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<JobRun> runs(long jobId, int max) {
            throw new UnsupportedOperationException();
        }
    }

    static JobDao.NewRun run(long id) {
        return new JobDao.NewRun(id, 0, 0, 0, true, "r" + id, List.of(), false);
    }

    @Test
    public void everyRunIsWrittenOnceAndEachFireGetsItsOwn() throws Exception {
        Batches dao = new Batches();
        RunRecorder recorder = new RunRecorder(dao, 5);
        ExecutorService fires = Executors.newFixedThreadPool(10);
        List<Future<Optional<JobRun>>> answers = new ArrayList<>();
        for (long i = 1; i <= 500; i++) {
            long id = i;
            answers.add(fires.submit(() -> recorder.record(run(id)).get(30, TimeUnit.SECONDS)));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertEquals(i + 1, answers.get(i).get(30, TimeUnit.SECONDS).orElseThrow().jobId());
        }
        fires.shutdown();
        List<Long> written = new ArrayList<>();
        for (List<JobDao.NewRun> b : dao.batches) {
            assertTrue(b.size() <= RunRecorder.MAX_BATCH);
            b.forEach(r -> written.add(r.jobId()));
        }
        Collections.sort(written);
        assertEquals(500, written.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i + 1, written.get(i).longValue());
        }
        assertEquals(Optional.empty(), recorder.record(run(-1)).get(30, TimeUnit.SECONDS));
        recorder.close();
    }

    @Test
    public void aFailedWriteFailsItsFires() throws Exception {
        Batches dao = new Batches();
        dao.broken = true;
        RunRecorder recorder = new RunRecorder(dao, 5);
        CompletableFuture<Optional<JobRun>> f = recorder.record(run(1));
        try {
            f.get(30, TimeUnit.SECONDS);
            fail("the write failed");
        } catch (ExecutionException e) {
            assertEquals("database down", e.getCause().getMessage());
        }
        dao.broken = false;
        assertEquals(2, recorder.record(run(2)).get(30, TimeUnit.SECONDS).orElseThrow().jobId());
        recorder.close();
    }
}
