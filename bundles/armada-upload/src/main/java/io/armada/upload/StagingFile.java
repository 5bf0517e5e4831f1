package io.armada.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.Executor;

import io.armada.core.ApiException;
import io.armada.core.Md5Pipe;

/**
 * An upload streamed into a new file of the area's data folder, named {@value #PREFIX} and a random UUID, with its md5
 * computed while it streams (core's {@link Md5Pipe}: on a thread of {@code digesters} when one is free), then forced to
 * disk. The area then moves it into place or deletes it; if writing fails, the file is deleted here.
 *
 * <p>Used by the files area (uploads) and the tars area (patch packages).
 *
 * @since 1.1
 */
public final class StagingFile {
    /** The start of a staging file's name: what an area's sweep of files left by a killed JVM looks for. */
    public static final String PREFIX = ".partial-";

    /** A staging file, whole and on disk. */
    public record Staged(Path file, String md5, long size) {
    }

    private StagingFile() {
    }

    /**
     * Streams {@code in} to its end into a new staging file in {@code folder} (created when missing).
     *
     * @param in the upload's bytes
     * @param folder the area's data folder; the file is moved from there, so it is on the same file system
     * @param maxBytes the most bytes kept
     * @param what what the bytes are, for the refusal ({@code "file"}: "file is larger than ... bytes")
     * @param digesters where the md5 runs beside the copy
     * @return the file, its md5 (lower-case hex) and size
     * @throws ApiException BAD_REQUEST past {@code maxBytes} (nothing kept)
     * @throws IOException when reading or writing failed (nothing kept)
     * @since 1.1
     */
    public static Staged write(InputStream in, Path folder, long maxBytes, String what, Executor digesters)
            throws IOException {
        Files.createDirectories(folder);
        Path partial = folder.resolve(PREFIX + UUID.randomUUID());
        try (Md5Pipe md5 = new Md5Pipe(digesters)) {
            long size = 0;
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (true) {
                    byte[] chunk = md5.buffer();
                    int n = in.readNBytes(chunk, 0, chunk.length);
                    if (n == 0) {
                        break;
                    }
                    size += n;
                    if (size > maxBytes) {
                        throw ApiException.badRequest(what + " is larger than " + maxBytes + " bytes");
                    }
                    ByteBuffer b = ByteBuffer.wrap(chunk, 0, n);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                    md5.update(chunk, n);
                    if (n < chunk.length) {
                        break; // readNBytes fills the chunk unless the stream ended
                    }
                }
                out.force(true); // acknowledged means on disk
            }
            return new Staged(partial, md5.finish(), size);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
    }
}
