package io.armada.tars.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.tars.PatchPackage;
import io.armada.tars.TarsPage;
import io.armada.tars.TarsPatches;
import io.armada.tars.internal.jpa.JpaPatchDao;

/** Patch packages on the real table and a temporary folder: md5 while streaming, refusals that keep nothing. */
public class PatchServiceImplTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static Path root;
    private static PatchServiceImpl patches;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "tars-patch");
        jpa = DerbyJpa.open("armada-tars", dir.resolve("db"));
        store = new JpaStore(jpa);
        root = dir.resolve("patchs");
        patches = new PatchServiceImpl(new JpaPatchDao(store), root, 2 * 1024 * 1024, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterClass
    public static void close() {
        patches.deactivate();
        jpa.close();
    }

    @Before
    public void empty() throws Exception {
        store.run(em -> em.createQuery("delete from PatchEntity").executeUpdate());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private static TarsPatches.Staged stage(byte[] b) {
        return patches.stage(new ByteArrayInputStream(b));
    }

    private static long files() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    public void anUploadIsStoredWithItsMd5AndTheNewestIsTheDefault() throws Exception {
        byte[] one = bytes(700_000); // more than one md5 chunk
        PatchPackage p1 = patches.upload("App", "Hello", "first", md5(one).toUpperCase(), stage(one), "u");
        assertEquals("App.Hello", p1.server());
        assertEquals(md5(one), p1.md5());
        assertEquals("App.Hello_suse_" + T0.toEpochMilli() + ".tgz", p1.tgz());
        assertTrue(p1.defaultVersion());
        assertArrayEquals(one, Files.readAllBytes(patches.file(p1.id()).orElseThrow()));
        assertEquals(root.toAbsolutePath().resolve("App/Hello/" + p1.tgz()), patches.file(p1.id()).orElseThrow());

        byte[] two = bytes(10);
        PatchPackage p2 = patches.upload("App", "Hello", "second", null, stage(two), "u");
        // the same millisecond: the next name
        assertEquals("App.Hello_suse_" + (T0.toEpochMilli() + 1) + ".tgz", p2.tgz());
        TarsPage<PatchPackage> all = patches.list("App", "Hello", 0, 0);
        assertEquals(2, all.count());
        assertEquals(List.of(p2.id(), p1.id()), all.rows().stream().map(PatchPackage::id).toList());
        assertEquals(List.of(true, false), all.rows().stream().map(PatchPackage::defaultVersion).toList());
        assertEquals(p2.id(), patches.defaultPackage("App", "Hello").orElseThrow().id());
        TarsPage<PatchPackage> page2 = patches.list("App", "Hello", 2, 1);
        assertEquals(2, page2.count());
        assertEquals(List.of(p1.id()), page2.rows().stream().map(PatchPackage::id).toList());
        assertEquals(2, files());
    }

    @Test
    public void aWrongMd5OrBadNamesAreRefusedAndNothingIsKept() throws Exception {
        long before = files();
        byte[] b = bytes(1000);
        ApiErrors.expect(ErrorKind.BAD_REQUEST, "#patch.md5#",
                () -> patches.upload("App", "Hello", "", "0".repeat(32), stage(b), "u"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> patches.upload("App", "He.llo", "", null, stage(b), "u"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> patches.upload("", "Hello", "", null, stage(b), "u"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> patches.upload("App", "Hello", "", null, null, "u"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> patches.upload("App", "Hello", "", null, stage(new byte[0]),
                "u"));
        // past the limit while streaming: refused, the partial file deleted
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> stage(bytes(2 * 1024 * 1024 + 1)));
        assertEquals(0, patches.list("App", "Hello", 0, 0).count());
        assertEquals(before, files());
        assertFalse(patches.defaultPackage("App", "Hello").isPresent());
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> patches.patch(12345));
    }
}
