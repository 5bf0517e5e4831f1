package io.armada.files.internal;

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
import java.util.Random;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.armada.core.ApiException;

/** Streamed writes: md5 and size computed on the way, nothing left behind by a refused or broken upload. */
public class FileStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private long filesIn(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    public void aFileIsStoredUnderItsMd5WithItsSize() throws Exception {
        FileStore store = new FileStore(tmp.getRoot().toPath().resolve("files"), 1 << 20);
        byte[] b = bytes(300_000);
        FileStore.Stored s = store.write(new ByteArrayInputStream(b), null);
        assertEquals(md5(b), s.md5());
        assertEquals(b.length, s.size());
        assertArrayEquals(b, Files.readAllBytes(store.file(s.md5()).orElseThrow()));
        assertEquals(1, filesIn(store.root()));
        // the same bytes again, with the md5 given: the same file, nothing more
        assertEquals(s, store.write(new ByteArrayInputStream(b), md5(b)));
        assertEquals(1, filesIn(store.root()));
    }

    @Test
    public void aWrongMd5KeepsNothing() throws Exception {
        FileStore store = new FileStore(tmp.getRoot().toPath().resolve("files"), 1 << 20);
        try {
            store.write(new ByteArrayInputStream(bytes(1000)), "0".repeat(32));
            fail("a wrong md5 was accepted");
        } catch (ApiException expected) {
            assertTrue(expected.getMessage().contains("md5"));
        }
        assertEquals(0, filesIn(store.root()));
    }

    @Test
    public void moreThanTheLimitKeepsNothing() throws Exception {
        FileStore store = new FileStore(tmp.getRoot().toPath().resolve("files"), 1000);
        try {
            store.write(new ByteArrayInputStream(bytes(1001)), null);
            fail("over the limit was accepted");
        } catch (ApiException expected) {
            assertTrue(expected.getMessage().contains("larger"));
        }
        assertEquals(0, filesIn(store.root()));
        assertEquals(1000, store.write(new ByteArrayInputStream(bytes(1000)), null).size());
    }

    @Test
    public void aStreamThatBreaksHalfWayKeepsNothing() throws Exception {
        FileStore store = new FileStore(tmp.getRoot().toPath().resolve("files"), 1 << 20);
        InputStream broken = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("client went away");
                }
                return 7;
            }
        };
        try {
            store.write(broken, null);
            fail("a broken stream was stored");
        } catch (IOException expected) {
            assertEquals("client went away", expected.getMessage());
        }
        assertEquals(0, filesIn(store.root()));
    }

    @Test
    public void partialsLeftByAKilledJvmAreSweptAtStart() throws Exception {
        Path root = tmp.getRoot().toPath().resolve("files");
        Files.createDirectories(root);
        Path old = Files.write(root.resolve(".partial-1234"), bytes(10));
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path kept = Files.write(root.resolve("0123456789abcdef0123456789abcdef"), bytes(10));
        FileStore store = new FileStore(root, 100);
        // one being written by this JVM (newer than the store) is left alone
        Path current = Files.write(root.resolve(".partial-5678"), bytes(10));
        Files.setLastModifiedTime(current, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        store.sweepPartials();
        assertEquals(2, filesIn(root));
        assertTrue(Files.exists(kept));
        assertTrue(Files.exists(current));
        assertTrue(!Files.exists(old));
        // the first write sweeps by itself
        Files.setLastModifiedTime(Files.write(old, bytes(10)),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        new FileStore(root, 100).write(new ByteArrayInputStream(bytes(5)), null);
        assertTrue(!Files.exists(old));
    }
}
