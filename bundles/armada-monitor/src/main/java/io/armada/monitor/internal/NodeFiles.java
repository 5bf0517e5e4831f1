package io.armada.monitor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.FleetClient;

/**
 * The node's files root (SPEC §10.1, {@code FileHandler}): files fetched by md5 ({@code fetch_file}), listed
 * ({@code list_files}), and found by md5 for {@code delete_file}. A fetched file is named {@code <md5>} or
 * {@code <md5>.<ext>}; it is written under a temporary name ({@code .fetch-<uuid>}) while its md5 is computed, and
 * renamed only when its size and md5 are the ones asked for, so the root never shows a partial or wrong file and a
 * failed fetch keeps nothing. Every name in the root is built here from a checked md5 and extension: no path of the
 * caller's is ever resolved.
 *
 * <p>The fleet token goes with a download only to this node's own server (same scheme, host and port as the address
 * it reports to): a record may point anywhere, and the token is not for third parties.
 */
final class NodeFiles {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFiles.class);
    static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    static final Pattern EXT = Pattern.compile("[0-9A-Za-z_+-]{1,12}");
    /** A name of the root that is a fetched file: md5, then an optional extension. */
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{32})(?:\\.([0-9A-Za-z_+-]{1,12}))?");
    static final String PARTIAL = ".fetch-";
    /** The most files a list answer names (the server reads a node answer of at most 1 MiB). */
    static final int MAX_LISTED = 5_000;

    private final Path root;
    private final FleetClient fleet;
    private final Supplier<String> serverUrl;
    private final Duration timeout;
    private final Semaphore slots;
    private final int parallel;
    /** Partial files older than this were left by an earlier JVM. */
    private final long createdMillis = System.currentTimeMillis();
    private final AtomicBoolean swept = new AtomicBoolean();

    /**
     * @param root the files root (created at the first fetch)
     * @param serverUrl where this node reports (the server's address), or null: the token's only destination
     * @param parallel fetches at a time; more are refused
     */
    NodeFiles(Path root, FleetClient fleet, Supplier<String> serverUrl, Duration timeout, int parallel) {
        this.root = root.toAbsolutePath().normalize();
        this.fleet = fleet;
        this.serverUrl = serverUrl;
        this.timeout = timeout;
        this.parallel = Math.max(1, parallel);
        this.slots = new Semaphore(this.parallel);
    }

    Path root() {
        return root;
    }

    /** An md5 in lower case, or 88888. */
    static String md5(String value) {
        String m = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!MD5.matcher(m).matches()) {
            throw ApiException.badRequest("md5 must be 32 hex digits");
        }
        return m;
    }

    /** An extension without a leading dot, null for none, or 88888. */
    static String ext(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String e = value.trim();
        while (e.startsWith(".")) {
            e = e.substring(1);
        }
        if (!EXT.matcher(e).matches()) {
            throw ApiException.badRequest("ext must be 1..12 letters, digits, '_', '+' or '-'");
        }
        return e;
    }

    /** An http(s) address, or 88888. */
    static URI address(String value) {
        URI u;
        try {
            u = value == null ? null : new URI(value.trim());
        } catch (java.net.URISyntaxException e) {
            u = null;
        }
        if (u == null || u.getHost() == null || u.getScheme() == null
                || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
            throw ApiException.badRequest("address must be an http or https URL");
        }
        return u;
    }

    /** Whether {@code address} has the origin (scheme, host, port) of this node's server. */
    static boolean sameOrigin(URI address, String server) {
        if (server == null || server.isBlank()) {
            return false;
        }
        URI s;
        try {
            s = new URI(server.trim());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (s.getScheme() == null || s.getHost() == null) {
            return false;
        }
        return s.getScheme().equalsIgnoreCase(address.getScheme()) && s.getHost().equalsIgnoreCase(address.getHost())
                && port(s) == port(address);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * Fetches a file into the root; its path when whole and matching. A size or md5 that does not match, a transfer
     * that fails or is refused: code -1, and nothing is kept.
     */
    Map<String, Object> fetch(String md5, URI address, long size, String ext) {
        if (size < 0) {
            throw ApiException.badRequest("size must not be negative");
        }
        if (!slots.tryAcquire()) {
            throw Codes.refuse(Codes.OTHER_ERROR, "busy: " + parallel + " fetches in progress, try again later");
        }
        try {
            prepareRoot();
            Path target = root.resolve(ext == null ? md5 : md5 + "." + ext);
            if (matches(target, md5, size)) {
                return row(md5, size, target);
            }
            if (Files.getFileStore(root).getUsableSpace() < size) {
                throw Codes.refuse(Codes.OTHER_ERROR, "not enough space in " + root + " for " + size + " bytes");
            }
            boolean withToken = sameOrigin(address, serverUrl.get());
            Path partial = root.resolve(PARTIAL + UUID.randomUUID());
            boolean kept = false;
            try {
                MessageDigest digest = newMd5();
                FleetClient.Fetched got;
                try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                        OutputStream out = new DigestOutputStream(
                                new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024), digest)) {
                    got = fleet.fetch(address.toString(), withToken, timeout, size, out);
                    out.flush();
                    ch.force(true);
                }
                if (got.status() != 200) {
                    throw Codes.refuse(Codes.OTHER_ERROR, "fetch of " + md5 + " failed: " + address.getHost()
                            + " answered HTTP " + got.status() + "; nothing kept");
                }
                if (got.bytes() != size) {
                    throw Codes.refuse(Codes.OTHER_ERROR, "fetched " + got.bytes() + " bytes, not " + size
                            + "; nothing kept");
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(md5)) {
                    throw Codes.refuse(Codes.OTHER_ERROR, "md5 of the fetched bytes is " + actual + ", not " + md5
                            + "; nothing kept");
                }
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
                kept = true;
                LOG.info("Fetched {} ({} bytes) into {}", md5, size, target);
                return row(md5, size, target);
            } catch (IOException e) {
                throw Codes.refuse(Codes.OTHER_ERROR, "fetch of " + md5 + " failed: " + e.getMessage()
                        + "; nothing kept");
            } finally {
                if (!kept) {
                    deleteQuietly(partial);
                }
            }
        } catch (IOException e) {
            throw Codes.refuse(Codes.OTHER_ERROR, "the files root " + root + " cannot be used: " + e.getMessage());
        } finally {
            slots.release();
        }
    }

    /** The root exists (made when missing), is a real folder, not writable by group or others. */
    private void prepareRoot() throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(root);
        }
        String problem = FileDeleter.rootProblem(root);
        if (problem != null) {
            throw Codes.refuse(Codes.OTHER_ERROR, "the files root " + root + " is refused: " + problem);
        }
        if (swept.compareAndSet(false, true)) {
            sweepPartials();
        }
    }

    /** Removes the partial files an earlier JVM left (killed mid-fetch); never one of a fetch in progress. */
    void sweepPartials() {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, PARTIAL + "*")) {
            for (Path p : s) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.lastModifiedTime().toMillis() < createdMillis) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the partial fetches left in {}", root, e);
        }
    }

    /** True when {@code target} is a regular file (not a link) of that size and md5: it need not be fetched again. */
    private static boolean matches(Path target, String md5, long size) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!a.isRegularFile() || a.size() != size) {
            return false;
        }
        MessageDigest digest = newMd5();
        try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            byte[] b = new byte[64 * 1024];
            int n;
            while ((n = in.read(b)) >= 0) {
                digest.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest()).equals(md5);
    }

    /** Every fetched file of the root (regular files named by an md5), by name; none when there is no root. */
    List<Map<String, Object>> list() {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return rows;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
            for (Path p : s) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                if (rows.size() >= MAX_LISTED) {
                    LOG.warn("list_files names the first {} files of {} only", MAX_LISTED, root);
                    break;
                }
                rows.add(row(m.group(1), a.size(), p));
            }
        } catch (IOException e) {
            throw Codes.refuse(Codes.OTHER_ERROR, "cannot list " + root + ": " + e.getMessage());
        }
        rows.sort((x, y) -> ((String) x.get("path")).compareTo((String) y.get("path")));
        return rows;
    }

    /** The names in the root that hold the file of {@code md5} ({@code <md5>} and {@code <md5>.<ext>}). */
    List<String> namesOf(String md5) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, md5 + "*")) {
            for (Path p : s) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(md5)) {
                    names.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw Codes.refuse(Codes.OTHER_ERROR, "cannot list " + root + ": " + e.getMessage());
        }
        names.sort(null);
        return names;
    }

    private static Map<String, Object> row(String md5, long size, Path path) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("md5", md5);
        r.put("size", size);
        r.put("path", path.toString());
        return r;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Could not remove the partial fetch {}", p, e);
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }
}
