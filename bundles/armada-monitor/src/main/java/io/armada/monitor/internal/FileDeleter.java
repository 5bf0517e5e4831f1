package io.armada.monitor.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;

/**
 * The seed's {@code FileHandler delete_file} ({@code rm -rf <file_name>} in the original, with no check at all),
 * confined to configured root folders (SPEC §4): the path must be absolute; it is resolved the way the kernel
 * resolves it ({@code ..} after symbolic links), and what it names must lie strictly inside a root. A symbolic link
 * inside a root whose target lies outside every root is refused too; an accepted link is removed itself, never its
 * target, and nothing is followed while a folder is removed. A root itself and {@code /} are never deleted. A path
 * inside a root that does not exist is a success, as {@code rm -rf} is.
 */
final class FileDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(FileDeleter.class);

    private final List<Path> roots;

    FileDeleter(List<Path> roots) {
        List<Path> ok = new ArrayList<>();
        for (Path r : roots) {
            Path n = r.toAbsolutePath().normalize();
            if (n.getParent() == null) {
                LOG.warn("Ignoring delete_file root {}: the file system root is never a deletion root", r);
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
        Path target = resolve(fileName);
        if (target == null) {
            return; // nothing there
        }
        try {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(target, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else {
                Files.deleteIfExists(target);
            }
            LOG.info("Deleted {}", target);
        } catch (NoSuchFileException gone) {
            LOG.debug("{} vanished while being deleted", target);
        } catch (IOException e) {
            throw Codes.refuse(Codes.OTHER_ERROR, "cannot delete " + target + ": " + e.getMessage());
        }
    }

    /**
     * The path to delete, checked: null when nothing exists there (inside a root), otherwise the real location of
     * the entry (its folder resolved, its own name kept, so a link stays a link).
     *
     * @throws ApiException 88888 when the path is not absolute or not strictly inside a root
     */
    Path resolve(String fileName) {
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
        List<Path> realRoots = realRoots();
        if (p.getFileName() == null) {
            throw outside();
        }
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                // the entry's own location: its folder resolved by the kernel (links and '..'), its name kept
                String name = p.getFileName().toString();
                if (name.equals("..") || name.equals(".")) {
                    p = p.toRealPath();
                    name = p.getFileName() == null ? "" : p.getFileName().toString();
                }
                Path parent = p.getParent() == null ? p : p.getParent().toRealPath();
                Path location = parent.resolve(name);
                if (!strictlyInside(location, realRoots)) {
                    throw outside();
                }
                if (Files.isSymbolicLink(location)) {
                    Path linkTarget;
                    try {
                        linkTarget = location.toRealPath();
                    } catch (IOException dangling) {
                        return location; // a dangling link inside a root: removing it touches nothing else
                    }
                    if (!insideOrRoot(linkTarget, realRoots)) {
                        throw outside();
                    }
                }
                return location;
            }
            // nothing there: fine when the place is inside a root (rm -rf semantics), refused otherwise
            Path existing = p;
            List<String> rest = new ArrayList<>();
            while (existing != null && !Files.exists(existing)) {
                if (existing.getFileName() != null) {
                    rest.add(0, existing.getFileName().toString());
                }
                existing = existing.getParent();
            }
            Path place = existing == null ? Path.of("/") : existing.toRealPath();
            for (String part : rest) {
                place = place.resolve(part);
            }
            if (!strictlyInside(place.normalize(), realRoots)) {
                throw outside();
            }
            return null;
        } catch (IOException e) {
            throw ApiException.badRequest("file_name cannot be resolved: " + e.getMessage());
        }
    }

    private List<Path> realRoots() {
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            try {
                out.add(Files.exists(r) ? r.toRealPath() : r);
            } catch (IOException e) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean strictlyInside(Path p, List<Path> roots) {
        for (Path r : roots) {
            if (p.startsWith(r) && !p.equals(r) && r.getParent() != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideOrRoot(Path p, List<Path> roots) {
        for (Path r : roots) {
            if (p.startsWith(r) && r.getParent() != null) {
                return true;
            }
        }
        return false;
    }

    private static ApiException outside() {
        return ApiException.badRequest("file_name is outside the folders this node may delete in");
    }
}
