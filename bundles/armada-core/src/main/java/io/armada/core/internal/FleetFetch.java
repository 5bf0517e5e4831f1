package io.armada.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import io.armada.core.FleetClient.Fetched;

/**
 * {@link io.armada.core.FleetClient#fetch}: a {@code GET} streamed into the caller's sink with the JDK's
 * {@link HttpURLConnection} on the calling thread (a node fetching a file answers its task when the file is whole),
 * trusting the fleet's PEM certificates over https as the other calls do ({@link FleetTls}).
 */
final class FleetFetch {
    /** Longest wait for one read: a peer that stops sending fails the call before its whole deadline. */
    static final int MAX_IDLE_MILLIS = 60_000;
    private static final int BUFFER = 64 * 1024;

    private final int connectMillis;
    private final Path ca;
    /** Built on the first https fetch. */
    private SSLSocketFactory sockets;

    FleetFetch(int connectMillis, Path ca) {
        this.connectMillis = connectMillis;
        this.ca = ca;
    }

    private synchronized SSLSocketFactory sockets() throws IOException {
        if (sockets == null) {
            try {
                sockets = FleetTls.trusting(ca).getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IOException("could not read the trusted certificates " + ca + ": " + e.getMessage(), e);
            }
        }
        return sockets;
    }

    Fetched fetch(URI uri, String token, Duration timeout, long maxBytes, OutputStream sink) throws IOException {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IOException("not an http(s) URL: " + uri);
        }
        long total = Math.max(1, timeout.toMillis());
        long deadline = System.nanoTime() + total * 1_000_000L;
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            if (ca != null && c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(sockets());
            }
            c.setConnectTimeout((int) Math.min(connectMillis, total));
            c.setReadTimeout((int) Math.min(MAX_IDLE_MILLIS, total));
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setRequestMethod("GET");
            if (token != null) {
                c.setRequestProperty("X-Armada-Token", token);
            }
            int status = c.getResponseCode();
            if (status != 200) {
                c.disconnect();
                return new Fetched(status, 0);
            }
            long announced = c.getContentLengthLong();
            if (announced > maxBytes) {
                throw new IOException(uri + " announces " + announced + " bytes, more than " + maxBytes);
            }
            long n = 0;
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = c.getInputStream()) {
                int r;
                while ((r = in.read(buffer)) >= 0) {
                    n += r;
                    if (n > maxBytes) {
                        throw new IOException(uri + " sent more than " + maxBytes + " bytes");
                    }
                    sink.write(buffer, 0, r);
                    if (System.nanoTime() - deadline > 0) {
                        throw new SocketTimeoutException("no whole answer from " + uri + " in " + total + " ms");
                    }
                }
            }
            return new Fetched(status, n);
        } catch (IOException | RuntimeException e) {
            c.disconnect();
            throw e;
        }
    }
}
