package io.armada.monitor.internal;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Dialect;
import io.armada.core.FleetClient;
import io.armada.core.Threads;
import io.armada.monitor.MonitorService;
import io.armada.monitor.Reporting;
import io.armada.monitor.ReportingState;

/**
 * The monitor of this node: wires the {@link Sampler} (every second), the {@link SlowFigures} and the
 * {@link SeedAnswers} of seed 003's query routes, and builds {@code /metrics}.
 *
 * <p>It owns exactly one thread ({@code armada-monitor}): OSHI is created there, the sampler runs there every
 * second, and so do the reports. Requests never sleep: slower figures are computed by the request that finds them
 * stale and kept for a short while ({@link Cached}). Activation only schedules work, so bundle start and stop never
 * wait for the machine or the network.
 */
@Component(service = {MonitorService.class, Reporting.class, MonitorInternals.class}, immediate = true,
        configurationPid = "io.armada.monitor")
@Designate(ocd = MonitorConfiguration.class)
public class MonitorNode implements MonitorService, Reporting, MonitorInternals {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorNode.class);

    private final ScheduledThreadPoolExecutor executor;
    private final NodeState nodeState;
    private final Sampler sampler = new Sampler();
    private final SlowFigures slow;
    private final SeedAnswers answers;
    private final Reporter reporter;
    private String metricsText;
    private long metricsSeq = -1;

    @Activate
    public MonitorNode(MonitorConfiguration config,
            @Reference(name = "fleet") ComponentServiceObjects<FleetClient> fleetObjects) {
        this(config, fleetObjects, MonitorSettings.dataFolder(), MonitorSettings.serverUrl(), MonitorSettings.httpPort(),
                ServiceStates.sdBooted());
    }

    MonitorNode(MonitorConfiguration config, ComponentServiceObjects<FleetClient> fleetObjects, Path dataFolder,
            String serverUrl, int httpPort, BooleanSupplier systemd) {
        this.nodeState = new NodeState(dataFolder.resolve("monitor"));
        ServiceStates services = new ServiceStates(CommandRunner.split(config.command_systemctl()), systemd);
        this.slow = new SlowFigures(sampler, Path.of(config.network_scripts_dir()), services,
                MonitorSettings.list(config.services()));
        this.answers = new SeedAnswers(sampler, slow);
        this.reporter = new Reporter(nodeState, fleetObjects, serverUrl, httpPort,
                MonitorSettings.validPortsRange(MonitorSettings.list(config.ports_range())),
                config.report_interval_seconds(), config.report_timeout_seconds(), slow::cachedHostname, slow::primaryIp,
                this::resourceReport, this::serviceReport);
        if (config.report_interval_seconds() < 1) {
            throw new IllegalArgumentException("report.interval.seconds must be at least 1, not "
                    + config.report_interval_seconds());
        }
        this.executor = new ScheduledThreadPoolExecutor(1, Threads.daemon("armada-monitor"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.execute(() -> {
            nodeState.load();
            sampler.start();
        });
        executor.scheduleAtFixedRate(sampler::sample, 1000, 1000, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::reportSafely, config.report_interval_seconds(),
                config.report_interval_seconds(), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("The monitor thread did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reporter.close();
        sampler.stop();
    }

    /** Samples taken since start. */
    long sampleCount() {
        return sampler.count();
    }

    @Override
    public Map<String, Object> cpu() {
        return answers.cpu();
    }

    @Override
    public Map<String, Object> cpuvt() {
        return answers.cpuvt();
    }

    @Override
    public Map<String, Object> memory() {
        return answers.memory();
    }

    @Override
    public Map<String, Object> disk() {
        return answers.disk();
    }

    @Override
    public Map<String, Object> diskio() {
        return answers.diskio();
    }

    @Override
    public Map<String, Object> network() {
        return answers.network();
    }

    @Override
    public void networkChanged() {
        slow.networkChanged();
    }

    @Override
    public Map<String, Object> networkio() {
        return answers.networkio();
    }

    @Override
    public Map<String, Object> vm() {
        return answers.vm();
    }

    @Override
    public Map<String, Object> hardware() {
        return answers.hardware();
    }

    @Override
    public Map<String, Object> service() {
        return answers.service();
    }

    @Override
    public Map<String, Object> resource() {
        return answers.resource();
    }

    @Override
    public Map<Integer, Integer> establishedConnections(Collection<Integer> ports) {
        return answers.establishedConnections(ports);
    }

    @Override
    public Map<String, Object> portStatus(String ports) {
        return answers.portStatus(ports);
    }

    @Override
    public Map<String, Object> resourceStatis(int statisPeriod) {
        return answers.resourceStatis(statisPeriod);
    }

    // ------------------------------------------------------------------ metrics

    @Override
    public String metrics() {
        Figures f = sampler.figures(Dialect.MONITOR_SYSTEM_ERROR);
        long seq = sampler.count();
        synchronized (this) {
            if (metricsText != null && metricsSeq == seq) {
                return metricsText;
            }
        }
        String text = NodeMetrics.build(f, sampler.latest(), slow.fileSystems(), slow.disks(), slow.network(),
                reporter.sent(), reporter.failed(), nodeState.get().paused());
        synchronized (this) {
            metricsText = text;
            metricsSeq = seq;
        }
        return text;
    }

    // ------------------------------------------------------------------ MonitorInternals

    @Override
    public void later(Runnable action, long delayMillis) {
        executor.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("Delayed action failed: {}", e.toString());
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ reporting (see Reporter)

    @Override
    public ReportingState state() {
        return reporter.state();
    }

    @Override
    public void pause() {
        reporter.pause();
    }

    @Override
    public void resume() {
        reporter.resume();
    }

    @Override
    public void update(String addr, String nodeUuid) {
        reporter.update(addr, nodeUuid);
    }

    /** One reporting round now (the schedule runs it every interval). */
    void report() {
        if (sampler.started()) {
            reporter.report();
        }
    }

    private void reportSafely() {
        try {
            report();
        } catch (RuntimeException e) {
            LOG.warn("Could not build the reports: {}", e.toString());
        }
    }

    /** The seed's resource report data: cpu, memory, disk, diskio, networkio, each without its utc. */
    Map<String, Object> resourceReport() {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("cpu", withoutUtc(cpu()));
        data.put("memory", withoutUtc(memory()));
        data.put("disk", withoutUtc(disk()));
        data.put("diskio", withoutUtc(diskio()));
        data.put("networkio", withoutUtc(networkio()));
        return data;
    }

    Map<String, Object> serviceReport() {
        return withoutUtc(service());
    }

    private static Map<String, Object> withoutUtc(Map<String, Object> m) {
        m.remove("utc");
        return m;
    }
}
