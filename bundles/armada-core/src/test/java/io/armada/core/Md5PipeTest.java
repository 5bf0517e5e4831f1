package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/** The md5 on a second thread equals the md5 on the writer's, for every size; a rejected executor digests inline. */
public class Md5PipeTest {

    private static String digest(Md5Pipe p, byte[] data) throws Exception {
        int off = 0;
        while (off < data.length) {
            byte[] chunk = p.buffer();
            int n = Math.min(chunk.length, data.length - off);
            System.arraycopy(data, off, chunk, 0, n);
            p.update(chunk, n);
            off += n;
        }
        return p.finish();
    }

    @Test
    public void theSameDigestOnAThreadOrInline() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            int[] sizes = {0, 1, Md5Pipe.CHUNK - 1, Md5Pipe.CHUNK, Md5Pipe.CHUNK * Md5Pipe.CHUNKS * 3 + 17};
            for (int size : sizes) {
                byte[] data = new byte[size];
                new Random(size).nextBytes(data);
                String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
                try (Md5Pipe threaded = new Md5Pipe(pool)) {
                    assertTrue(threaded.threaded());
                    assertEquals("size " + size, expected, digest(threaded, data));
                }
                try (Md5Pipe inline = new Md5Pipe(r -> {
                    throw new java.util.concurrent.RejectedExecutionException("busy");
                })) {
                    assertFalse(inline.threaded());
                    assertEquals("size " + size, expected, digest(inline, data));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    public void closingWithoutFinishEndsTheThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Md5Pipe p = new Md5Pipe(pool)) {
            byte[] chunk = p.buffer();
            p.update(chunk, 10);
        }
        pool.shutdown();
        assertTrue("the md5 thread ended", pool.awaitTermination(10, TimeUnit.SECONDS));
    }
}
