package io.armada.monitor.internal;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.armada.core.Dialect;
import io.armada.monitor.CpuFigures;
import io.armada.monitor.CpuvtFigures;
import io.armada.monitor.DiskFigures;
import io.armada.monitor.DiskIoFigures;
import io.armada.monitor.HardwareFigures;
import io.armada.monitor.MemoryFigures;
import io.armada.monitor.MonitorService;
import io.armada.monitor.NetworkFigures;
import io.armada.monitor.NetworkIoFigures;
import io.armada.monitor.Reporting;
import io.armada.monitor.ReportingState;
import io.armada.monitor.ResourceFigures;
import io.armada.monitor.ResourceStatis;
import io.armada.monitor.ServiceFigures;
import io.armada.monitor.VmFigures;

/**
 * The monitor of this node: wires the {@link Sampler} (every second, on the {@link MonitorThread}), the
 * {@link SlowFigures} and the {@link SeedAnswers} of seed 003's query routes, and builds {@code /metrics}.
 *
 * <p>Requests never sleep: slower figures are computed by the request that finds them stale and kept for a short
 * while ({@link Cached}). Activation only schedules work, so bundle start and stop never wait for the machine.
 */
@Component(service = MonitorService.class, immediate = true, configurationPid = "io.armada.monitor")
@Designate(ocd = MonitorConfiguration.class)
public class MonitorNode implements MonitorService {
    private final Sampler sampler = new Sampler();
    private final SlowFigures slow;
    private final SeedAnswers answers;
    private final ScheduledFuture<?> sampling;
    private final MetricsPage metricsPage = new MetricsPage();
    private NodeCollectors collectors;
    private final SystemdUnits systemdUnits;

    /** For the report series of {@code /metrics} only; reporting itself needs this component, not the reverse. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Reporting reporting;

    /** The node's managed services (ServerHandler), for their series of {@code /metrics}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile io.armada.monitor.internal.servers.ManagedServers servers;

    @Activate
    public MonitorNode(MonitorConfiguration config, @Reference MonitorThread thread) {
        this(config, thread, ServiceStates.sdBooted());
    }

    MonitorNode(MonitorConfiguration config, MonitorThread thread, BooleanSupplier systemd) {
        ServiceStates services = new ServiceStates(CommandRunner.split(config.command_systemctl()), systemd);
        this.slow = new SlowFigures(sampler, Path.of(config.network_scripts_dir()), services,
                MonitorSettings.list(config.services()));
        this.answers = new SeedAnswers(sampler, slow);
        this.systemdUnits = new SystemdUnits(services, r -> thread.execute("Reading systemd units", r));
        thread.execute("Starting the sampler", sampler::start);
        this.sampling = thread.every("Sampling", sampler::sample, 1000);
    }

    @Deactivate
    void deactivate() {
        sampling.cancel(false);
        sampler.stop();
        synchronized (this) {
            if (collectors != null) {
                collectors.close();
            }
        }
    }

    /** Whether OSHI's objects were made (tests: only the hardware inventory and cpuvt make them). */
    boolean oshiLoaded() {
        return sampler.figures().oshiLoaded();
    }

    /** Samples taken since start. */
    long sampleCount() {
        return sampler.count();
    }

    @Override
    public CpuFigures cpu() {
        return answers.cpu();
    }

    @Override
    public CpuvtFigures cpuvt() {
        return answers.cpuvt();
    }

    @Override
    public MemoryFigures memory() {
        return answers.memory();
    }

    @Override
    public DiskFigures disk() {
        return answers.disk();
    }

    @Override
    public DiskIoFigures diskio() {
        return answers.diskio();
    }

    @Override
    public NetworkFigures network() {
        return answers.network();
    }

    @Override
    public void networkChanged() {
        slow.networkChanged();
    }

    @Override
    public NetworkIoFigures networkio() {
        return answers.networkio();
    }

    @Override
    public VmFigures vm() {
        return answers.vm();
    }

    @Override
    public HardwareFigures hardware() {
        return answers.hardware();
    }

    @Override
    public ServiceFigures service() {
        return answers.service();
    }

    @Override
    public ResourceFigures resource() {
        return answers.resource();
    }

    @Override
    public Map<Integer, Integer> establishedConnections(Collection<Integer> ports) {
        return answers.establishedConnections(ports);
    }

    @Override
    public Map<Integer, Boolean> portStatus(String ports) {
        return answers.portStatus(ports);
    }

    @Override
    public ResourceStatis resourceStatis(int statisPeriod) {
        return answers.resourceStatis(statisPeriod);
    }

    /** node_exporter's collectors, made at the first scrape (they bind libc through JNA). */
    private synchronized NodeCollectors collectors(Figures f) {
        if (collectors == null) {
            collectors = NodeCollectors.system(f.userHz, systemdUnits::snapshot);
        }
        return collectors;
    }

    /** Built at most once per sample and by one scrape at a time ({@link MetricsPage}). */
    @Override
    public String metrics() {
        Figures f = sampler.figures(Dialect.MONITOR_SYSTEM_ERROR);
        return metricsPage.get(sampler.count(), () -> {
            Reporting r = reporting;
            ReportingState s = r == null ? null : r.state();
            String text = NodeMetrics.build(collectors(f), s == null ? 0 : s.sent(), s == null ? 0 : s.failed(),
                    s != null && s.paused());
            io.armada.monitor.internal.servers.ManagedServers m = servers;
            return m == null ? text : text + NodeMetrics.services(m.figures());
        });
    }
}
