package io.armada.monitor.internal.servers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PackageUnpackerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path work;
    private Path target;
    private final PackageUnpacker unpacker = new PackageUnpacker(1 << 20, 100);

    @Before
    public void setUp() throws IOException {
        work = tmp.newFolder("work").toPath();
        Files.createDirectory(work.resolve("servers"));
        target = work.resolve("servers").resolve("v1");
    }

    @Test
    public void unpacksFilesFoldersModesAndInsideLinks() throws Exception {
        Path tgz = Tgz.of(work.resolve("ok.tgz"))
                .dir("bin/").file("bin/start.sh", "#!/bin/sh\necho hi\n", 0755).file("conf/a.txt", "a", 0644)
                .symlink("conf/b.txt", "a.txt").symlink("lib", "conf").hardlink("conf/c.txt", "conf/a.txt")
                .write();
        unpacker.unpack(tgz, target);
        assertTrue(Files.isExecutable(target.resolve("bin/start.sh")));
        assertEquals("a", Files.readString(target.resolve("conf/b.txt")));
        assertEquals("a", Files.readString(target.resolve("lib/a.txt")));
        assertEquals("a", Files.readString(target.resolve("conf/c.txt")));
    }

    @Test
    public void refusesAbsoluteNames() throws Exception {
        refused(Tgz.of(work.resolve("abs.tgz")).file("/tmp/armada-abs-" + System.nanoTime(), "x", 0644).write());
    }

    @Test
    public void refusesDotDot() throws Exception {
        refused(Tgz.of(work.resolve("dd.tgz")).file("bin/ok", "x", 0644).file("../escaped", "x", 0644).write());
        assertFalse(Files.exists(work.resolve("servers/escaped")));
        refused(Tgz.of(work.resolve("dd2.tgz")).file("bin/../../escaped2", "x", 0644).write());
        assertFalse(Files.exists(work.resolve("servers/escaped2")));
    }

    @Test
    public void refusesSymlinkLeadingOutside() throws Exception {
        refused(Tgz.of(work.resolve("l1.tgz")).symlink("etc", "/etc").write());
        refused(Tgz.of(work.resolve("l2.tgz")).symlink("up", "../..").write());
    }

    @Test
    public void refusesWritingThroughALink() throws Exception {
        // "out" leads to the package's own folder, then a file is written through it: refused anyway
        refused(Tgz.of(work.resolve("l3.tgz")).dir("d/").symlink("out", "d").file("out/x", "x", 0644).write());
    }

    @Test
    public void refusesALinkThatEscapesThroughAnotherLink() throws Exception {
        // each link looks inside by its name alone, but "here/../x" follows "here" (= the root) one level up
        refused(Tgz.of(work.resolve("l4.tgz")).symlink("here", ".").dir("a/").symlink("a/x", "../here/../escape")
                .write());
    }

    @Test
    public void refusesHardLinkToAFileOutside() throws Exception {
        refused(Tgz.of(work.resolve("h.tgz")).hardlink("passwd", "/etc/passwd").write());
        refused(Tgz.of(work.resolve("h2.tgz")).hardlink("passwd", "../../etc/passwd").write());
    }

    @Test
    public void refusesTooManyEntriesAndTooManyBytes() throws Exception {
        Tgz many = Tgz.of(work.resolve("many.tgz"));
        for (int i = 0; i < 101; i++) {
            many.file("f" + i, "x", 0644);
        }
        refused(many.write());
        refused(Tgz.of(work.resolve("big.tgz")).file("big", "x".repeat((1 << 20) + 1), 0644).write());
    }

    @Test
    public void refusesDuplicatesAndGarbage() throws Exception {
        refused(Tgz.of(work.resolve("dup.tgz")).file("a", "1", 0644).file("a", "2", 0644).write());
        Path garbage = work.resolve("garbage.tgz");
        Files.writeString(garbage, "not a tgz", StandardCharsets.UTF_8);
        refused(garbage);
    }

    @Test
    public void neverKeepsSetuid() throws Exception {
        unpacker.unpack(Tgz.of(work.resolve("s.tgz")).file("suid", "x", 04755).write(), target);
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("suid"))));
    }

    /** The package is refused, the target folder is gone and nothing else appeared beside it or above it. */
    private void refused(Path tgz) throws IOException {
        List<Path> before = listing();
        try {
            unpacker.unpack(tgz, target);
            fail("unpacked " + tgz.getFileName());
        } catch (PackageUnpacker.Refused expected) {
            // refused
        }
        assertFalse(Files.exists(target));
        assertEquals(before, listing());
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            return s.sorted().toList();
        }
    }
}
