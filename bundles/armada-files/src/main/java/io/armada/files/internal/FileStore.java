package io.armada.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.armada.core.ApiException;
import io.armada.core.Threads;
import io.armada.upload.StagingFile;

/**
 * The bytes of uploaded files, one file per md5 under one folder ({@code ${armada.data}/files}). A file is written
 * under a temporary name while its md5 is computed (upload's {@link StagingFile}), and renamed to its md5 only when whole: a reader never sees a
 * partial file, and a failed upload leaves nothing behind.
 */
public final class FileStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileStore.class);
    private static final String PARTIAL = StagingFile.PREFIX;
    /** Uploads at once whose md5 runs on a thread of its own. */
    static final int MAX_DIGESTERS = 4;
    private final Path root;
    private final long maxBytes;
    private final ExecutorService digesters;
    /** Partial files older than this were left by an earlier JVM (killed mid-upload). */
    private final long createdMillis = System.currentTimeMillis();
    private final java.util.concurrent.atomic.AtomicBoolean swept = new java.util.concurrent.atomic.AtomicBoolean();

    /** What was stored. */
    public record Stored(String md5, long size) {
    }

    public FileStore(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
        // md5 threads exist only while uploads run (none while idle); past MAX_DIGESTERS uploads at once, an upload
        // computes its md5 on its own thread
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_DIGESTERS, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), Threads.daemon("armada-files-md5"));
        this.digesters = pool;
    }

    public Path root() {
        return root;
    }

    /** The file of an md5 (lower case, checked by the caller), when it is here. */
    public Optional<Path> file(String md5) {
        Path p = root.resolve(md5);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Streams {@code in} into the store. Refuses (BAD_REQUEST, nothing kept) more than the limit, or bytes whose md5
     * is not {@code expectedMd5} when one is given.
     *
     * @throws IOException when reading or writing fails: nothing is kept
     */
    public Stored write(InputStream in, String expectedMd5) throws IOException {
        if (swept.compareAndSet(false, true)) {
            try {
                sweepPartials();
            } catch (IOException e) {
                LOG.warn("Could not remove the partial uploads left in {}", root, e);
            }
        }
        StagingFile.Staged staged = StagingFile.write(in, root, maxBytes, "file", digesters);
        Path partial = staged.file();
        boolean kept = false;
        try {
            String actual = staged.md5();
            long size = staged.size();
            if (expectedMd5 != null && !expectedMd5.equals(actual)) {
                throw ApiException.badRequest("md5 of the uploaded bytes is " + actual + ", not " + expectedMd5);
            }
            Path target = root.resolve(actual);
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                // the same bytes are here already
                return new Stored(actual, size);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            kept = true;
            return new Stored(actual, size);
        } finally {
            if (!kept) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Deletes the file of an md5; true when there was one. */
    public boolean delete(String md5) throws IOException {
        return Files.deleteIfExists(root.resolve(md5));
    }

    /**
     * Removes what failed uploads of an earlier run left (a JVM killed mid-upload): partial files older than this
     * store, so an upload in progress is never touched. Runs at the first upload, not when the component activates.
     */
    public void sweepPartials() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var s = Files.newDirectoryStream(root, PARTIAL + "*")) {
            for (Path p : s) {
                if (Files.getLastModifiedTime(p).toMillis() < createdMillis) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Stops the md5 threads (the component stops). */
    public void close() {
        digesters.shutdownNow();
    }
}
