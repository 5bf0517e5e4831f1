package io.armada.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The md5 of an upload, computed on a second thread while the writer goes on: the writer fills a chunk, writes it to
 * the file and hands it over; the md5 thread digests it and gives it back. MD5 runs at about 700 MiB/s on one core,
 * the parse and the write at several times that, so on the writer's thread the md5 alone set the upload's pace.
 * At most {@link #CHUNKS} chunks of {@link #CHUNK} bytes are in use per upload (the memory bound); when the executor
 * has no thread free, the digest is computed on the writer's thread, as before.
 */
public final class Md5Pipe implements AutoCloseable {
    /** Bytes in one chunk. */
    public static final int CHUNK = 256 * 1024;
    /** Chunks in use per upload at most. */
    public static final int CHUNKS = 4;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final MessageDigest md5 = newMd5();
    private final boolean threaded;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final byte[] single;
    private boolean ended;

    public Md5Pipe(Executor executor) {
        boolean t;
        try {
            executor.execute(this::digestChunks);
            t = true;
        } catch (RejectedExecutionException busy) {
            t = false;
        }
        threaded = t;
        if (threaded) {
            single = null;
            for (int i = 0; i < CHUNKS; i++) {
                free.add(new byte[CHUNK]);
            }
        } else {
            single = new byte[CHUNK];
        }
    }

    /** Whether the digest runs on another thread. */
    public boolean threaded() {
        return threaded;
    }

    /** A chunk to fill; waits while all are being digested. */
    public byte[] buffer() throws IOException {
        if (!threaded) {
            return single;
        }
        try {
            byte[] b;
            while ((b = free.poll(1, TimeUnit.SECONDS)) == null) {
                if (done.isDone()) {
                    throw new IOException("the md5 thread stopped");
                }
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while computing the md5");
        }
    }

    /** Hands over the first {@code length} bytes of a chunk from {@link #buffer()}. */
    public void update(byte[] chunk, int length) throws IOException {
        if (!threaded) {
            md5.update(chunk, 0, length);
            return;
        }
        put(new Chunk(chunk, length));
    }

    /** The md5 of everything handed over, as 32 lower-case hex digits. */
    public String finish() throws IOException {
        if (threaded) {
            ended = true;
            put(END);
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while computing the md5");
            } catch (ExecutionException e) {
                throw new IOException("the md5 could not be computed: " + e.getCause(), e.getCause());
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private void put(Chunk c) throws IOException {
        try {
            full.put(c); // never blocks long: at most CHUNKS chunks and END are ever in the queue
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while computing the md5");
        }
    }

    /** Ends the md5 thread when the upload failed before {@link #finish()}. */
    @Override
    public void close() {
        if (threaded && !ended) {
            ended = true;
            full.offer(END);
        }
    }

    private void digestChunks() {
        try {
            while (true) {
                Chunk c = full.take();
                if (c.length() < 0) {
                    done.complete(null);
                    return;
                }
                md5.update(c.bytes(), 0, c.length());
                free.put(c.bytes());
            }
        } catch (InterruptedException e) {
            done.completeExceptionally(e);
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
        }
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }
}
