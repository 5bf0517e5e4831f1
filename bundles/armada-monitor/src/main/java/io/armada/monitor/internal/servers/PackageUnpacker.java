package io.armada.monitor.internal.servers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a service package (a gzip-compressed tar, SPEC §10.1) into a new, empty folder, refusing whatever could
 * write outside it: absolute names, {@code ..} segments, entries placed through a symbolic link, links (symbolic or
 * hard) that lead outside, devices and FIFOs; and bounding the number of entries and the bytes written (counted as
 * they are written, not taken from the headers). On a refusal the folder is deleted and nothing else was touched.
 * Permissions are the entry's {@code rwx} bits (never setuid, setgid or sticky); owners are not kept.
 */
public final class PackageUnpacker {
    private final long maxBytes;
    private final int maxEntries;

    /** Refused package: the message says which entry and why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    public PackageUnpacker(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /**
     * Unpacks {@code tgz} into {@code target}, which must not exist yet (its parent must).
     *
     * @throws Refused for an unsafe or oversized package (target is gone afterwards)
     * @throws IOException when reading or writing fails (target is gone afterwards)
     */
    public void unpack(Path tgz, Path target) throws Refused, IOException {
        Files.createDirectory(target);
        boolean done = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tgz), 65536)) {
            extract(in, target);
            done = true;
        } catch (java.io.EOFException | java.util.zip.ZipException | IllegalArgumentException e) {
            throw new Refused("not a tgz package: " + e.getMessage());
        } finally {
            if (!done) {
                Folders.deleteTree(target);
            }
        }
    }

    private void extract(InputStream raw, Path target) throws Refused, IOException {
        Path root = target.toRealPath();
        List<Path> links = new ArrayList<>();
        long written = 0;
        int entries = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 65536))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw new Refused("more than " + maxEntries + " entries");
                }
                String name = relativeName(e.getName());
                if (name.isEmpty()) {
                    continue; // "./": the package root itself
                }
                Path dest = root.resolve(name);
                requireNoLinkOnTheWay(root, dest.getParent(), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                    setMode(dest, e.getMode() | 0700);
                } else if (e.isSymbolicLink()) {
                    Path to = Path.of(e.getLinkName());
                    if (to.isAbsolute() || !dest.getParent().resolve(to).normalize().startsWith(root)) {
                        throw new Refused("link " + e.getName() + " leads outside the package");
                    }
                    Files.createSymbolicLink(dest, to);
                    links.add(dest);
                } else if (e.isLink()) {
                    Path existing = root.resolve(relativeName(e.getLinkName()));
                    requireNoLinkOnTheWay(root, existing.getParent(), e.getLinkName());
                    if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                        throw new Refused("hard link " + e.getName() + " is not to a file of the package");
                    }
                    Files.createLink(dest, existing);
                } else if (e.isFile()) {
                    written = copy(tar, dest, written);
                    setMode(dest, e.getMode());
                } else {
                    throw new Refused(e.getName() + " is not a file, folder or link (device, FIFO)");
                }
            }
        } catch (FileAlreadyExistsException ex) {
            throw new Refused("entry " + root.relativize(Path.of(ex.getFile())) + " appears twice");
        }
        // a link checked by name may still lead out through another link: resolve each one on the disk
        for (Path link : links) {
            Path real;
            try {
                real = link.toRealPath();
            } catch (IOException ex) {
                throw new Refused("link " + root.relativize(link) + " leads nowhere in the package");
            }
            if (!real.startsWith(root)) {
                throw new Refused("link " + root.relativize(link) + " leads outside the package");
            }
        }
    }

    /** The entry's name relative to the package root: no absolute name, no {@code ..}; "" for the root itself. */
    static String relativeName(String name) throws Refused {
        if (name == null || name.startsWith("/") || name.startsWith("\\") || name.indexOf('\0') >= 0) {
            throw new Refused("absolute or empty name: " + name);
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new Refused("name with ..: " + name);
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /** Refuses when a folder between {@code root} and {@code dir} (inclusive) is a symbolic link. */
    private static void requireNoLinkOnTheWay(Path root, Path dir, String entry) throws Refused {
        for (Path p = dir; p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new Refused("entry " + entry + " is placed through a link");
            }
            if (!p.startsWith(root)) {
                throw new Refused("entry " + entry + " is outside the package");
            }
        }
        if (dir != null && !dir.equals(root)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new Refused("entry " + entry + ": cannot create its folder (" + e.getMessage() + ")");
            }
        }
    }

    private long copy(InputStream in, Path dest, long before) throws Refused, IOException {
        long total = before;
        byte[] buf = new byte[65536];
        try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new Refused("unpacks to more than " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    private static void setMode(Path p, int mode) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(order[i]);
            }
        }
        perms.add(PosixFilePermission.OWNER_READ);
        perms.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(p, perms);
    }
}
