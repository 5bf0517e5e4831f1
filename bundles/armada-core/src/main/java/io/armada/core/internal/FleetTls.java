package io.armada.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the fleet client trusts over https, and which plain-HTTP peers put the token at risk.
 *
 * <p>The trust comes from a PEM file of certificates (a fleet's own CA, or each peer's self-signed certificate):
 * the client then trusts those and nothing else, and the JDK checks the peer's name or IP address against the
 * certificate as usual. Without a file, the JVM's default trust store applies.
 */
final class FleetTls {
    private FleetTls() {
    }

    /** An SSL context that trusts exactly the certificates of {@code pem}. */
    static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : certificates) {
            store.setCertificateEntry("fleet-ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** The configured PEM file: the component's setting, else the system property {@code armada.tls.ca}; or null. */
    static Path caFile(String configured) {
        String v = configured == null || configured.isBlank() ? System.getProperty("armada.tls.ca", "") : configured;
        return v == null || v.isBlank() ? null : Path.of(v.trim());
    }

    /**
     * True when a call to {@code uri} sends the token in clear text off this machine: plain http to a host that is
     * not a loopback name or literal. Never resolves a name (no DNS on the request path).
     */
    static boolean cleartextOffMachine(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost();
        if (host == null) {
            return true;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return !(host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1"));
    }
}
