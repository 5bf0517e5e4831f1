package io.armada.monitor.internal.servers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.core.FleetClient;
import io.armada.monitor.internal.MonitorConfiguration;

/**
 * The node's managed services as one component: NodeControlImpl hands it the {@code ServerHandler} commands; the
 * resource report, {@code /metrics} and the shell read its list. Nothing is read from the disk at activation.
 */
@Component(service = ManagedServers.class, configurationPid = "io.armada.monitor")
public class ManagedServers {
    private final ServerRuntime runtime;
    private final ServerHandler handler;

    @Activate
    public ManagedServers(MonitorConfiguration config, @Reference FleetClient fleet) {
        this(ServerSettings.of(config, dataFolder(), list(config.servers_base_roots())), fleet::fetch);
    }

    ManagedServers(ServerSettings settings, PackageFetcher.Download download) {
        PackageFetcher fetcher = new PackageFetcher(System.getProperty("armada.server.url", ""), download,
                settings.maxPackageBytes(), settings.downloadTimeout());
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
