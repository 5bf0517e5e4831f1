package io.armada.monitor.internal.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.armada.core.ApiException;
import io.armada.monitor.internal.Codes;

/**
 * Downloads a service package over http or https with the JDK's HttpClient into a file, computing its md5 as it
 * streams (no copy in memory) and stopping past the size bound. The fleet token is sent only when the address is
 * on the node's configured server (same scheme, host and port as {@code armada.server.url}); https trusts what the
 * fleet client trusts ({@code armada.tls.ca}, else the JVM's default store). Redirects are not followed.
 */
public final class PackageFetcher {
    private final String serverUrl;
    private final Supplier<String> token;
    private final Supplier<SSLContext> tls;
    private final long maxBytes;
    private final Duration timeout;

    public PackageFetcher(String serverUrl, Supplier<String> token, Supplier<SSLContext> tls, long maxBytes,
            Duration timeout) {
        this.serverUrl = serverUrl == null ? "" : serverUrl.trim();
        this.token = token;
        this.tls = tls;
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
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equals(uri.getScheme())) {
            SSLContext ctx = tls.get();
            if (ctx != null) {
                b.sslContext(ctx);
            }
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (sameOrigin(uri, serverUrl)) {
            req.header("X-Armada-Token", token.get());
        }
        String got;
        try {
            HttpResponse<InputStream> r = b.build().send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw Codes.refuse(Codes.PACKAGE_DOWNLOAD_FAILED, "the package address answered HTTP "
                            + r.statusCode());
                }
                got = copy(in, dest);
            }
        } catch (IOException e) {
            delete(dest);
            throw Codes.refuse(Codes.PACKAGE_DOWNLOAD_FAILED, "cannot download the package: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delete(dest);
            throw Codes.refuse(Codes.PACKAGE_DOWNLOAD_FAILED, "download interrupted");
        } catch (ApiException e) {
            delete(dest);
            throw e;
        }
        if (!got.equals(expected)) {
            delete(dest);
            throw Codes.refuse(Codes.PACKAGE_MD5_MISMATCH, "the package's md5 is " + got + ", not " + expected);
        }
    }

    private String copy(InputStream in, Path dest) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        byte[] buf = new byte[65536];
        try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw Codes.refuse(Codes.PACKAGE_DOWNLOAD_FAILED, "the package is larger than " + maxBytes
                            + " bytes (servers.package.max.mb)");
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
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
