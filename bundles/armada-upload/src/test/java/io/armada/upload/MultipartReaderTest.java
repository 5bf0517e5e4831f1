package io.armada.upload;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.Test;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;

/**
 * The streamed multipart reader on Jetty's parser: fields and a file part come out byte for byte whatever the reads
 * of the body return (one byte at a time, odd sizes, a boundary split across reads, bytes that look like a boundary);
 * a body cut anywhere before its closing boundary fails; the limits hold.
 */
public class MultipartReaderTest {
    private static final String B = "----armadaBoundary7MA4YWxkTrZu0gW";

    private static byte[] body(byte[] file, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("preamble\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"md5\"\r\n\r\nabc\r\n--" + B
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\";c.tgz\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + B + (close ? "--\r\n" : "\r\n")).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Reads return at most {@code max} bytes (sizes vary with the seed). */
    private static InputStream chopped(byte[] b, int max, long seed) {
        Random r = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, 1 + r.nextInt(max)));
            }
        };
    }

    private static byte[] file(int n, long seed) {
        byte[] f = new byte[n];
        new Random(seed).nextBytes(f);
        // bytes that look like the start of a boundary, inside the file
        byte[] almost = ("\r\n--" + B.substring(0, B.length() - 1)).getBytes(StandardCharsets.US_ASCII);
        if (n > almost.length * 3) {
            System.arraycopy(almost, 0, f, n / 2, almost.length);
            System.arraycopy(almost, 0, f, n - almost.length, almost.length);
        }
        return f;
    }

    @Test
    public void partsComeOutByteForByteWhateverTheReads() throws IOException {
        int[] sizes = {0, 1, 37, 8191, 300_000};
        int[] chops = {1, 7, 4096, 1 << 20};
        int checked = 0;
        for (int size : sizes) {
            byte[] f = file(size, size);
            for (int chop : chops) {
                if (chop == 1 && size > 10_000) {
                    continue;
                }
                MultipartReader r = new MultipartReader(chopped(body(f, true), chop, chop), B, 1 << 30, 16);
                MultipartReader.Part p = r.next();
                assertEquals("md5", p.name());
                assertNull(p.filename());
                assertEquals("abc", new String(r.stream().readAllBytes(), StandardCharsets.UTF_8));
                p = r.next();
                assertEquals("file", p.name());
                assertEquals("a \"b\";c.tgz", p.filename());
                assertArrayEquals("size " + size + ", reads of " + chop, f, r.stream().readAllBytes());
                assertNull(r.next());
                checked++;
            }
        }
        assertEquals(19, checked);
    }

    @Test
    public void anUnreadPartIsSkipped() throws IOException {
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body(file(5000, 1), true)), B, 1 << 30, 16);
        assertEquals("md5", r.next().name());
        assertEquals("file", r.next().name());
        assertNull(r.next());
    }

    @Test
    public void aBodyCutAnywhereFails() throws IOException {
        byte[] whole = body(file(20_000, 2), true);
        int failed = 0;
        for (int cut = 0; cut < whole.length - 2; cut += cut < 400 ? 1 : 997) {
            byte[] part = Arrays.copyOf(whole, cut);
            try {
                MultipartReader r = new MultipartReader(chopped(part, 5000, cut), B, 1 << 30, 16);
                while (r.next() != null) {
                    r.stream().readAllBytes();
                }
                fail("a body cut at " + cut + " of " + whole.length + " was read whole");
            } catch (IOException expected) {
                failed++;
            }
        }
        assertTrue(failed > 400);
        // the last part's boundary without its closing "--"
        try {
            MultipartReader r = new MultipartReader(new ByteArrayInputStream(body(file(100, 3), false)), B, 1 << 30, 16);
            while (r.next() != null) {
                r.stream().readAllBytes();
            }
            fail("a body without its closing boundary was read whole");
        } catch (IOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("closing boundary"));
        }
    }

    @Test
    public void limits() throws IOException {
        byte[] big = body(file(100_000, 4), true);
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(big), B, 50_000, 16);
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> {
            try {
                while (r.next() != null) {
                    r.stream().readAllBytes();
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        MultipartReader one = new MultipartReader(new ByteArrayInputStream(big), B, 1 << 30, 1);
        one.next();
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> {
            try {
                one.next();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> MultipartReader.boundary("multipart/form-data"));
        assertEquals(B, MultipartReader.boundary("multipart/form-data; boundary=\"" + B + "\""));
        assertEquals(B, MultipartReader.boundary("multipart/form-data;BOUNDARY=" + B));
    }
}
