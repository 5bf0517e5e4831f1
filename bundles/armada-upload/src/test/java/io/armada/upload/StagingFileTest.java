package io.armada.upload;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

public class StagingFileTest {
    private Path folder;
    private ExecutorService digesters;

    @Before
    public void setUp() throws IOException {
        Files.createDirectories(Path.of("target"));
        folder = Files.createTempDirectory(Path.of("target"), "staging").resolve("not-yet");
        digesters = Executors.newSingleThreadExecutor();
    }

    @After
    public void tearDown() {
        digesters.shutdownNow();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private List<Path> files() throws IOException {
        try (var s = Files.list(folder)) {
            return s.toList();
        }
    }

    @Test
    public void anUploadIsWrittenWholeWithItsMd5AndSizeInTheFolder() throws Exception {
        // several of Md5Pipe's chunks and a part of one
        byte[] data = bytes(3 * 256 * 1024 + 12_345);
        StagingFile.Staged s = StagingFile.write(new ByteArrayInputStream(data), folder, data.length, "file", digesters);
        assertEquals(folder, s.file().getParent());
        assertTrue(s.file().getFileName().toString().startsWith(StagingFile.PREFIX));
        assertArrayEquals(data, Files.readAllBytes(s.file()));
        assertEquals(data.length, s.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)), s.md5());
        assertEquals(List.of(s.file()), files());
    }

    @Test
    public void anEmptyUploadIsAnEmptyFile() throws Exception {
        StagingFile.Staged s = StagingFile.write(InputStream.nullInputStream(), folder, 10, "file", digesters);
        assertEquals(0, s.size());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", s.md5());
        assertEquals(0, Files.size(s.file()));
    }

    @Test
    public void moreThanTheLimitIsABadRequestAndNothingIsKept() throws Exception {
        byte[] data = bytes(1000);
        try {
            StagingFile.write(new ByteArrayInputStream(data), folder, 999, "the package", digesters);
            fail("over the limit");
        } catch (ApiException e) {
            assertEquals(ErrorKind.BAD_REQUEST, e.kind());
            assertEquals("the package is larger than 999 bytes", e.getMessage());
        }
        assertEquals(List.of(), files());
    }

    @Test
    public void aStreamThatFailsMidwayKeepsNothing() throws Exception {
        InputStream broken = new InputStream() {
            private int left = 300_000;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw new IOException("connection reset"); // and again at every later read
                }
                left--;
                return 7;
            }
        };
        try {
            StagingFile.write(broken, folder, 1 << 20, "file", digesters);
            fail("the stream failed");
        } catch (IOException e) {
            assertEquals("connection reset", e.getMessage());
        }
        assertEquals(List.of(), files());
    }
}
