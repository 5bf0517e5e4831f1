package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    public void aRootThatIsALinkOrLiesUnderOneIsDroppedAtActivation() throws IOException {
        Path data = tmp.newFolder("data2").toPath();
        Path realRoot = Files.createDirectories(tmp.newFolder("real").toPath().resolve("files"));
        Files.createSymbolicLink(data.resolve("files"), realRoot);
        NodeControlImpl c = new NodeControlImpl(TestSupport.config(Map.of()), null, null, null, data, n -> true,
                () -> false, (s, u, p) -> false);
        assertEquals(List.of(), c.deletionRoots());
        Path f = Files.writeString(realRoot.resolve("x"), "x");
        assertEquals(88888, TestSupport.code(() -> c.task("FileHandler", "delete_file",
                Map.of("file_name", data.resolve("files/x").toString()))));
        assertTrue(Files.exists(f));
        // a root below a linked folder: its real path is elsewhere
        Path linkedParent = Files.createSymbolicLink(tmp.getRoot().toPath().resolve("linked"), realRoot.getParent());
        assertEquals(List.of(), new FileDeleter(List.of(linkedParent.resolve("files"))).roots());
        assertTrue(FileDeleter.rootProblem(linkedParent.resolve("files")).contains("symbolic link"));
    }

    @Test
    public void aRootWritableByOthersIsRefused() throws IOException {
        Path open = tmp.newFolder("open").toPath();
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(List.of(), new FileDeleter(List.of(open)).roots());
        // a root that becomes writable by others (or a link) after activation is refused when used
        Path later = tmp.newFolder("later").toPath();
        FileDeleter deleter = new FileDeleter(List.of(later));
        assertEquals(List.of(later), deleter.roots());
        Path f = Files.writeString(later.resolve("f"), "x");
        Files.setPosixFilePermissions(later, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertEquals(-1, TestSupport.code(() -> deleter.delete(f.toString())));
        assertTrue(Files.exists(f));
        Files.setPosixFilePermissions(later, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(later, tmp.getRoot().toPath().resolve("later-real"));
        Files.createSymbolicLink(later, outside);
        assertEquals(-1, TestSupport.code(() -> deleter.delete(later.resolve("precious").toString())));
        assertTrue(Files.exists(outside.resolve("precious")));
    }

    @Test
    public void aLinkOnTheWayDownIsRefusedEvenWhenItLeadsInside() throws IOException {
        Path dir = Files.createDirectories(root.resolve("real/sub"));
        Path f = Files.writeString(dir.resolve("f"), "x");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        assertEquals(88888, refused(root + "/alias/sub/f"));
        assertTrue(Files.exists(f));
        // the same file through its real folders, and '..' that climbs back through a real folder
        delete(root + "/real/sub/../sub/f");
        assertFalse(Files.exists(f));
        // nothing there below a missing folder: fine, unless '..' leaves the root
        delete(root + "/missing/../real");
        assertTrue(Files.exists(root.resolve("real")));
        assertEquals(88888, refused(root + "/missing/../../outside/precious"));
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

    @Test
    public void aFolderSwappedForALinkBetweenCheckAndDeleteLeadsNowhere() throws IOException {
        // root/pkg/sub is checked; then, before the deletion, pkg is moved away and a link to the outside takes its
        // place, where a "sub" of the same name waits: the deletion must not reach through the link
        Path pkg = Files.createDirectories(root.resolve("pkg/sub"));
        Files.writeString(pkg.resolve("old"), "x");
        Path victim = Files.createDirectories(outside.resolve("sub"));
        Files.writeString(victim.resolve("precious"), "keep me");
        FileDeleter deleter = new FileDeleter(List.of(root));
        deleter.beforeDelete = () -> {
            try {
                Files.move(root.resolve("pkg"), root.resolve("moved"));
                Files.createSymbolicLink(root.resolve("pkg"), outside);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        try {
            deleter.delete(root.resolve("pkg/sub").toString());
        } catch (io.armada.core.ApiException refused) {
            // refusing is fine too; reaching outside is not
        }
        assertTrue("the deletion went through the swapped-in link", Files.exists(victim.resolve("precious")));
    }
}
