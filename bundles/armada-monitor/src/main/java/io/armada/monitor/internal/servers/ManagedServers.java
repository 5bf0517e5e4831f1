package io.armada.monitor.internal.servers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.TokenService;
import io.armada.monitor.internal.MonitorConfiguration;

/**
 * The node's managed services as one component: NodeControlImpl hands it the {@code ServerHandler} commands; the
 * resource report, {@code /metrics} and the shell read its list. Nothing is read from the disk at activation.
 */
@Component(service = ManagedServers.class, configurationPid = "io.armada.monitor")
public class ManagedServers {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedServers.class);

    private final ServerRuntime runtime;
    private final ServerHandler handler;

    @Activate
    public ManagedServers(MonitorConfiguration config, @Reference TokenService tokens) {
        this(ServerSettings.of(config, dataFolder(), list(config.servers_base_roots())), tokens::token);
    }

    ManagedServers(ServerSettings settings, java.util.function.Supplier<String> token) {
        PackageFetcher fetcher = new PackageFetcher(System.getProperty("armada.server.url", ""), token,
                ManagedServers::fleetTls, settings.maxPackageBytes(), settings.downloadTimeout());
        this.runtime = new ServerRuntime(settings, fetcher,
                new ProcTable(Path.of("/proc"), 1000, System::currentTimeMillis));
        this.handler = new ServerHandler(runtime, settings);
    }

    /** One ServerHandler command. */
    public Map<String, Object> handle(String command, Map<String, Object> data) {
        return handler.handle(command, data);
    }

    public ServerRuntime runtime() {
        return runtime;
    }

    /** Every managed service's figures: one look at /proc (shared for a second), no other I/O after the first call. */
    public List<ServiceFigure> figures() {
        List<ServiceFigure> out = new java.util.ArrayList<>();
        for (ServiceState s : runtime.all()) {
            ProcTable.Group g = runtime.group(s);
            out.add(new ServiceFigure(s.app(), s.server(), !g.pids().isEmpty(), g.pids(), g.cpuPercent(),
                    g.cpuTicks() / (double) ProcTable.TICKS_PER_SECOND, g.rssBytes(), s.current()));
        }
        return out;
    }

    /** What the fleet client trusts over https: the PEM file of armada.tls.ca, else the JVM's default (null). */
    static SSLContext fleetTls() {
        String pem = System.getProperty("armada.tls.ca", "");
        if (pem.isBlank()) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(pem.trim()))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("fleet-ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("Cannot read armada.tls.ca ({}): package downloads over https use the JVM's trust store",
                    e.getMessage());
            return null;
        }
    }

    private static Path dataFolder() {
        for (String key : new String[] {"armada.data", "karaf.data"}) {
            String v = System.getProperty(key);
            if (v != null && !v.isBlank() && !v.contains("${")) {
                return Path.of(v.trim());
            }
        }
        return Path.of("data");
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : java.util.Arrays.stream(values).flatMap(v -> java.util.Arrays.stream(
                v.split(","))).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

}
