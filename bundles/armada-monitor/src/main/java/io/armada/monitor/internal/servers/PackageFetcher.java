package io.armada.monitor.internal.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import io.armada.core.ApiException;
import io.armada.core.FleetClient;
import io.armada.monitor.internal.Codes;

/**
 * Downloads a service package over http or https through core's fleet client ({@link FleetClient#fetch}: streamed,
 * the fleet's trust over https, no redirect), computing its md5 as it streams (no copy in memory) and stopping past
 * the size bound. The fleet token is sent only when the address is on the node's configured server (same scheme,
 * host and port as {@code armada.server.url}).
 */
public final class PackageFetcher {
    /** Core's streamed GET: {@link FleetClient#fetch}. */
    @FunctionalInterface
    public interface Download {
        FleetClient.Fetched fetch(String url, boolean withToken, Duration timeout, long maxBytes, OutputStream sink)
                throws IOException;
    }

    private final String serverUrl;
    private final Download download;
    private final long maxBytes;
    private final Duration timeout;

    public PackageFetcher(String serverUrl, Download download, long maxBytes, Duration timeout) {
        this.serverUrl = serverUrl == null ? "" : serverUrl.trim();
        this.download = download;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /**
     * Fetches {@code address} into {@code dest} (replaced) and checks its md5.
     *
     * @throws ApiException 88888 for a bad address or md5; 40702 when the download fails; 40703 on a mismatch
     *         (dest is deleted then)
     */
    public void fetch(String address, String md5, Path dest) {
        URI uri = uri(address);
        String expected = md5(md5);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        FleetClient.Fetched got;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(dest, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), digest)) {
            got = download.fetch(uri.toString(), sameOrigin(uri, serverUrl), timeout, maxBytes, out);
        } catch (IOException | RuntimeException e) {
            delete(dest);
            throw Codes.refuse(Codes.PACKAGE_DOWNLOAD_FAILED, "cannot download the package: " + e.getMessage());
        }
        if (got.status() != 200) {
            delete(dest);
            throw Codes.refuse(Codes.PACKAGE_DOWNLOAD_FAILED, "the package address answered HTTP " + got.status());
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        if (!hex.equals(expected)) {
            delete(dest);
            throw Codes.refuse(Codes.PACKAGE_MD5_MISMATCH, "the package's md5 is " + hex + ", not " + expected);
        }
    }

    static URI uri(String address) {
        try {
            URI u = new URI(address);
            String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((s.equals("http") || s.equals("https")) && u.getHost() != null && u.getUserInfo() == null) {
                return u;
            }
        } catch (java.net.URISyntaxException | NullPointerException e) {
            // below
        }
        throw ApiException.badRequest("address must be an http or https URL");
    }

    static String md5(String value) {
        if (value == null || !value.matches("[0-9A-Fa-f]{32}")) {
            throw ApiException.badRequest("md5 must be 32 hexadecimal digits");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** True when {@code uri} has the scheme, host and port of {@code server} (default ports filled in). */
    static boolean sameOrigin(URI uri, String server) {
        if (server.isEmpty()) {
            return false;
        }
        try {
            URI s = new URI(server);
            return s.getScheme() != null && s.getHost() != null
                    && s.getScheme().equalsIgnoreCase(uri.getScheme()) && s.getHost().equalsIgnoreCase(uri.getHost())
                    && port(s) == port(uri);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file of ours; the next fetch replaces it
        }
    }
}
