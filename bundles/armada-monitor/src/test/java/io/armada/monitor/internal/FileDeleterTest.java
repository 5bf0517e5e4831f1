package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** delete_file stays inside its roots whatever the path says. */
public class FileDeleterTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path root;
    private Path outside;
    private NodeControlImpl control;

    @Before
    public void setUp() throws IOException {
        Path data = tmp.newFolder("data").toPath();
        root = Files.createDirectories(data.resolve("files"));
        outside = tmp.newFolder("outside").toPath();
        Files.writeString(outside.resolve("precious"), "keep me");
        control = new NodeControlImpl(TestSupport.config(Map.of()), null, null, null, data, n -> true, () -> false,
                (s, u, p) -> false);
    }

    private void delete(String path) {
        control.task("FileHandler", "delete_file", Map.of("file_name", path));
    }

    private int refused(String path) {
        return TestSupport.code(() -> delete(path));
    }

    @Test
    public void theDefaultRootIsTheDataFoldersFilesAlone() {
        assertEquals(List.of(root), control.deletionRoots());
    }

    @Test
    public void deletesFilesAndFoldersInsideTheRoot() throws IOException {
        Path f = Files.writeString(root.resolve("a.txt"), "x");
        delete(f.toString());
        assertFalse(Files.exists(f));
        Path dir = Files.createDirectories(root.resolve("pkg/sub"));
        Files.writeString(dir.resolve("b"), "y");
        // a link inside the tree that points outside: removed as a link, its target untouched
        Files.createSymbolicLink(dir.resolve("escape"), outside);
        delete(root.resolve("pkg").toString());
        assertFalse(Files.exists(root.resolve("pkg"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("precious")));
        assertTrue(Files.exists(root));
    }

    @Test
    public void aPathThatDoesNotExistInsideTheRootIsFine() {
        delete(root.resolve("never/was/here").toString());
    }

    @Test
    public void refusesEverythingOutsideTheRoot() throws IOException {
        assertEquals(88888, refused(outside.resolve("precious").toString()));
        assertEquals(88888, refused(outside.toString()));
        assertEquals(88888, refused("/"));
        assertEquals(88888, refused("/etc/passwd"));
        assertEquals(88888, refused("/no/such/place"));
        assertEquals(88888, refused(root.toString())); // the root itself
        assertEquals(88888, refused(root + "/"));
        assertEquals(88888, refused("relative/path"));
        assertEquals(88888, refused(""));
        assertEquals(88888, TestSupport.code(() -> control.task("FileHandler", "delete_file", Map.of())));
        assertEquals(88888, TestSupport.code(() -> control.task("FileHandler", "delete_file", Map.of("file_name", 5))));
        assertTrue(Files.exists(outside.resolve("precious")));
    }

    @Test
    public void refusesDotDotThatLeavesTheRoot() throws IOException {
        assertEquals(88888, refused(root + "/../../outside/precious"));
        assertEquals(88888, refused(root + "/.."));
        assertEquals(88888, refused(root + "/sub/../.."));
        assertTrue(Files.exists(outside.resolve("precious")));
        // '..' that stays inside is fine
        Path f = Files.writeString(root.resolve("c.txt"), "x");
        Files.createDirectories(root.resolve("d"));
        delete(root + "/d/../c.txt");
        assertFalse(Files.exists(f));
    }

    @Test
    public void refusesLinksThatLeadOutside() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("link"), outside.resolve("precious"));
        assertEquals(88888, refused(link.toString()));
        assertTrue(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        Path dirLink = Files.createSymbolicLink(root.resolve("dirlink"), outside);
        assertEquals(88888, refused(dirLink + "/precious"));
        assertEquals(88888, refused(dirLink.toString()));
        assertEquals(88888, refused(dirLink + "/../outside/precious"));
        assertTrue(Files.exists(outside.resolve("precious")));
        // a link to somewhere inside the root is removed as a link
        Path target = Files.writeString(root.resolve("t"), "x");
        Path inner = Files.createSymbolicLink(root.resolve("inner"), target);
        delete(inner.toString());
        assertFalse(Files.exists(inner, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(target));
    }

    @Test
    public void aRootReachedThroughALinkIsResolved() throws IOException {
        Path data = tmp.newFolder("data2").toPath();
        Path realRoot = Files.createDirectories(tmp.newFolder("real").toPath().resolve("files"));
        Files.createSymbolicLink(data.resolve("files"), realRoot);
        NodeControlImpl c = new NodeControlImpl(TestSupport.config(Map.of()), null, null, null, data, n -> true,
                () -> false, (s, u, p) -> false);
        Path f = Files.writeString(realRoot.resolve("x"), "x");
        c.task("FileHandler", "delete_file", Map.of("file_name", data.resolve("files/x").toString()));
        assertFalse(Files.exists(f));
    }

    @Test
    public void configuredRootsReplaceTheDefaultAndSlashIsNeverOne() throws IOException {
        Path other = tmp.newFolder("other").toPath();
        NodeControlImpl c = new NodeControlImpl(TestSupport.config(Map.of("files_roots",
                new String[] {"/", other.toString()})), null, null, null, tmp.getRoot().toPath(), n -> true, () -> false,
                (s, u, p) -> false);
        assertEquals(List.of(other), c.deletionRoots());
        assertEquals(88888, TestSupport.code(() -> c.task("FileHandler", "delete_file",
                Map.of("file_name", outside.resolve("precious").toString()))));
        assertTrue(Files.exists(outside.resolve("precious")));
    }

    @Test
    public void switchedOffIsOtherError() throws IOException {
        Path f = Files.writeString(root.resolve("a"), "x");
        NodeControlImpl off = new NodeControlImpl(TestSupport.config(Map.of("allow_delete_file", false)), null, null, null,
                root.getParent(), n -> true, () -> false, (s, u, p) -> false);
        assertEquals(-1, TestSupport.code(() -> off.task("FileHandler", "delete_file", Map.of("file_name", f.toString()))));
        assertTrue(Files.exists(f));
    }
}
