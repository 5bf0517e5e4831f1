package io.armada.monitor.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;

/**
 * The seed's {@code FileHandler delete_file} ({@code rm -rf <file_name>} in the original, with no check at all),
 * confined to configured root folders (SPEC §4).
 *
 * <p>Nothing is checked by path and then done by path (a folder swapped for a link in between would lead the
 * deletion anywhere): the root is opened as a {@link SecureDirectoryStream}, and every step down, every listing and
 * every deletion is made relative to an open folder, never following a link ({@code openat}/{@code unlinkat} with
 * {@code O_NOFOLLOW}). So:
 * <ul>
 * <li>the path must be absolute and start with a root as configured (not through a link or {@code ..});
 * {@code ..} after the root may not leave it, and a link on the way down is refused;</li>
 * <li>a root that is a link, lies under one, is not a folder, or is writable by group or others is refused
 * (dropped at activation with an error in the log, and refused if it becomes one later);</li>
 * <li>a link named by the path is removed itself, never its target, and refused when its target lies outside every
 * root; nothing is followed while a folder is removed;</li>
 * <li>a root itself and {@code /} are never deleted; a path inside a root where nothing exists is a success, as
 * {@code rm -rf} is.</li>
 * </ul>
 */
final class FileDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(FileDeleter.class);
    /** Deepest folder tree removed (each level holds an open folder while it is emptied). */
    static final int MAX_DEPTH = 256;

    private final List<Path> roots;
    /** Runs when the target's folder is open, before the deletion (tests: a swap at the worst moment). */
    volatile Runnable beforeDelete = () -> { };

    FileDeleter(List<Path> roots) {
        List<Path> ok = new ArrayList<>();
        for (Path r : roots) {
            Path n = r.toAbsolutePath().normalize();
            if (n.getParent() == null) {
                LOG.warn("Ignoring delete_file root {}: the file system root is never a deletion root", r);
                continue;
            }
            String problem = Files.exists(n, LinkOption.NOFOLLOW_LINKS) ? rootProblem(n) : null;
            if (problem != null) {
                LOG.error("Ignoring delete_file root {}: {}", n, problem);
                continue;
            }
            ok.add(n);
        }
        this.roots = List.copyOf(ok);
    }

    List<Path> roots() {
        return roots;
    }

    /** Deletes {@code fileName} (a file, a link, or a folder with all it holds). */
    void delete(String fileName) {
        Path p = absolute(fileName);
        Path root = rootOf(p);
        List<String> parts = new ArrayList<>();
        // name by name as written (Path.relativize would normalize the '..' away, before any link is seen)
        for (int i = root.getNameCount(); i < p.getNameCount(); i++) {
            parts.add(p.getName(i).toString());
        }
        SecureDirectoryStream<Path> rootStream = openRoot(root);
        if (rootStream == null) {
            checkStaysInside(parts);
            return; // no root folder: nothing inside it either
        }
        Deque<SecureDirectoryStream<Path>> open = new ArrayDeque<>();
        open.push(rootStream);
        try {
            List<String> names = new ArrayList<>();
            boolean missing = false;
            for (String part : parts) {
                if (!missing && !names.isEmpty() && open.size() == names.size()) {
                    // going further below (or back up) through the last name: it must be a real folder
                    SecureDirectoryStream<Path> next = openFolder(open.peek(), names.get(names.size() - 1), p);
                    if (next == null) {
                        missing = true;
                    } else {
                        open.push(next);
                    }
                }
                if (part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    if (names.isEmpty()) {
                        throw outside();
                    }
                    names.remove(names.size() - 1);
                    if (!missing && open.size() > names.size() + 1) {
                        close(open.pop());
                    }
                    continue;
                }
                names.add(part);
            }
            if (names.isEmpty()) {
                throw outside(); // the root itself
            }
            if (missing) {
                return; // nothing there (rm -rf semantics)
            }
            while (open.size() > names.size()) {
                close(open.pop());
            }
            deleteEntry(open.peek(), names.get(names.size() - 1), root.resolve(String.join("/", names)));
        } finally {
            while (!open.isEmpty()) {
                close(open.pop());
            }
        }
    }

    private static Path absolute(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw ApiException.badRequest("file_name is required");
        }
        Path p;
        try {
            p = Path.of(fileName);
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("file_name is not a valid path");
        }
        if (!p.isAbsolute()) {
            throw ApiException.badRequest("file_name must be an absolute path");
        }
        return p;
    }

    /** The configured root that {@code p} starts with, name by name. */
    private Path rootOf(Path p) {
        for (Path r : roots) {
            if (p.startsWith(r)) {
                return r;
            }
        }
        throw outside();
    }

    /** Refuses a path whose {@code ..} would leave the root (or end on it) where nothing exists to walk. */
    private static void checkStaysInside(List<String> parts) {
        int depth = 0;
        for (String part : parts) {
            if (part.equals("..")) {
                depth--;
            } else if (!part.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                throw outside();
            }
        }
        if (depth == 0) {
            throw outside();
        }
    }

    /** Why {@code root} may not be a deletion root, or null when it may. */
    static String rootProblem(Path root) {
        try {
            PosixFileAttributes a = Files.readAttributes(root, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return "it is a symbolic link";
            }
            if (!a.isDirectory()) {
                return "it is not a folder";
            }
            if (a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                return "it is writable by group or others";
            }
            if (!root.toRealPath().equals(root)) {
                return "it lies under a symbolic link (its real path is " + root.toRealPath() + ")";
            }
            return null;
        } catch (UnsupportedOperationException e) {
            return "this file system has no POSIX permissions";
        } catch (IOException e) {
            return "it cannot be read: " + e.getMessage();
        }
    }

    /** The root, opened and checked; null when it does not exist. */
    private static SecureDirectoryStream<Path> openRoot(Path root) {
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw refused(root, "it cannot be read: " + e.getMessage());
        }
        String problem = rootProblem(root);
        if (problem != null) {
            throw refused(root, problem);
        }
        DirectoryStream<Path> ds;
        try {
            ds = Files.newDirectoryStream(root);
        } catch (IOException e) {
            throw refused(root, "it cannot be opened: " + e.getMessage());
        }
        if (!(ds instanceof SecureDirectoryStream<Path> sds)) {
            close(ds);
            throw refused(root, "this platform cannot delete relative to an open folder");
        }
        try {
            Object opened = sds.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
            if (opened == null || !opened.equals(before.fileKey())) {
                throw refused(root, "it changed while it was opened");
            }
        } catch (IOException e) {
            close(sds);
            throw refused(root, "it cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            close(sds);
            throw e;
        }
        return sds;
    }

    /** The folder {@code name} of {@code parent}, never through a link; null when there is no folder there. */
    private static SecureDirectoryStream<Path> openFolder(SecureDirectoryStream<Path> parent, String name, Path p) {
        Path n = Path.of(name);
        try {
            BasicFileAttributes a = parent.getFileAttributeView(n, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (a.isSymbolicLink()) {
                throw ApiException.badRequest("file_name passes through a symbolic link (" + name + ")");
            }
            if (!a.isDirectory()) {
                return null;
            }
            return parent.newDirectoryStream(n, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (FileSystemException e) {
            // ELOOP: the folder became a link after it was looked at
            throw ApiException.badRequest("file_name passes through a symbolic link (" + name + ")");
        } catch (IOException e) {
            throw Codes.refuse(Codes.OTHER_ERROR, "cannot delete " + p + ": " + e.getMessage());
        }
    }

    /** Deletes the entry {@code name} of the open folder {@code parent}: a file, a link, or a whole folder. */
    private void deleteEntry(SecureDirectoryStream<Path> parent, String name, Path shown) {
        Path n = Path.of(name);
        try {
            BasicFileAttributes a;
            try {
                a = parent.getFileAttributeView(n, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (NoSuchFileException gone) {
                return; // nothing there
            }
            if (a.isSymbolicLink()) {
                checkLinkTarget(shown);
            }
            beforeDelete.run();
            if (a.isDirectory()) {
                try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(n, LinkOption.NOFOLLOW_LINKS)) {
                    empty(dir, 1);
                }
                parent.deleteDirectory(n);
            } else {
                parent.deleteFile(n);
            }
            LOG.info("Deleted {}", shown);
        } catch (NoSuchFileException gone) {
            LOG.debug("{} vanished while being deleted", shown);
        } catch (IOException e) {
            throw Codes.refuse(Codes.OTHER_ERROR, "cannot delete " + shown + ": " + e.getMessage());
        }
    }

    /** Deletes everything in {@code dir}, folders depth first, without following a link. */
    private static void empty(SecureDirectoryStream<Path> dir, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("folders nested deeper than " + MAX_DEPTH);
        }
        List<Path> names = new ArrayList<>();
        for (Path entry : dir) {
            names.add(entry.getFileName());
        }
        for (Path n : names) {
            BasicFileAttributes a;
            try {
                a = dir.getFileAttributeView(n, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (a.isDirectory()) {
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(n, LinkOption.NOFOLLOW_LINKS)) {
                    empty(sub, depth + 1);
                }
                dir.deleteDirectory(n);
            } else {
                dir.deleteFile(n);
            }
        }
    }

    /**
     * A link is removed itself, so its target is never touched; still, a link whose target lies outside every root
     * is refused (the original's {@code rm -rf} of such a name was a request about the outside).
     */
    private void checkLinkTarget(Path link) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException dangling) {
            return; // a dangling link: removing it touches nothing else
        }
        for (Path r : roots) {
            if (target.startsWith(r)) {
                return;
            }
        }
        throw outside();
    }

    private static void close(DirectoryStream<?> ds) {
        try {
            ds.close();
        } catch (IOException e) {
            LOG.debug("Closing a folder: {}", e.toString());
        }
    }

    private static ApiException outside() {
        return ApiException.badRequest("file_name is outside the folders this node may delete in");
    }

    private static ApiException refused(Path root, String why) {
        LOG.error("delete_file refused: the root {} is not safe: {}", root, why);
        return Codes.refuse(Codes.OTHER_ERROR, "the deletion root " + root + " is refused: " + why);
    }
}
