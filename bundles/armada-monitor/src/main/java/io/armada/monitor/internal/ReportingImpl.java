package io.armada.monitor.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.FleetClient;
import io.armada.monitor.MonitorService;
import io.armada.monitor.NetworkFigures;
import io.armada.monitor.Reporting;
import io.armada.monitor.ReportingState;
import io.armada.monitor.rest.SeedRows;

/**
 * The node's reports to the server (SPEC §6, originals.md §003.6): each round POSTs the seed's two bodies, type
 * {@code resource} and {@code service}, to the target: TimerHandler's address when set, else
 * {@code ${armada.server.url}/v1.0/reports}, else nowhere. Runs on the monitor's thread; sending goes through core's
 * non-blocking {@link FleetClient}, which is only taken (activated) when there is a target. A round that is still in
 * flight makes the next one skip; a server that is down costs one warning (then debug lines) until it answers again.
 * The bodies' data are the monitor's own answers ({@link MonitorService}) in the seed's rows ({@link SeedRows}),
 * without their {@code utc}; this class only delivers them.
 */
@Component(service = Reporting.class, immediate = true, configurationPid = "io.armada.monitor")
public class ReportingImpl implements Reporting {
    private static final Logger LOG = LoggerFactory.getLogger(ReportingImpl.class);
    private static final Pattern NODE_UUID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final MonitorService monitor;
    private final NodeState nodeState;
    private final ComponentServiceObjects<FleetClient> fleetObjects;
    private final String serverUrl;
    private final int httpPort;
    /** {@code report.ip}, or {@code null} for the first physical card's. */
    private final String reportIp;
    private final List<String> portsRange;
    private final int intervalSeconds;
    private final Duration timeout;
    private final Cached<String> hostname = new Cached<>(60_000, SlowFigures::hostname);
    private final ScheduledFuture<?> schedule;

    private FleetClient fleet;

    /** The node's managed services (ServerHandler): listed in the resource report when present. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile io.armada.monitor.internal.servers.ManagedServers servers;
    private CompletableFuture<?> inFlight;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastSuccessUtc;
    private volatile String lastError;
    private volatile boolean failing;

    @Activate
    public ReportingImpl(MonitorConfiguration config, @Reference MonitorService monitor, @Reference MonitorThread thread,
            @Reference(name = "fleet") ComponentServiceObjects<FleetClient> fleetObjects) {
        this(config, monitor, thread, fleetObjects, MonitorSettings.dataFolder(), MonitorSettings.serverUrl(),
                MonitorSettings.reportedPort());
    }

    ReportingImpl(MonitorConfiguration config, MonitorService monitor, MonitorThread thread,
            ComponentServiceObjects<FleetClient> fleetObjects, Path dataFolder, String serverUrl, int httpPort) {
        if (config.report_interval_seconds() < 1) {
            throw new IllegalArgumentException("report.interval.seconds must be at least 1, not "
                    + config.report_interval_seconds());
        }
        this.monitor = monitor;
        this.nodeState = new NodeState(dataFolder.resolve("monitor"));
        this.fleetObjects = fleetObjects;
        this.serverUrl = serverUrl == null ? "" : serverUrl.trim();
        this.httpPort = httpPort;
        this.portsRange = MonitorSettings.validPortsRange(MonitorSettings.list(config.ports_range()));
        this.reportIp = validIp(config.report_ip());
        this.intervalSeconds = config.report_interval_seconds();
        this.timeout = Duration.ofSeconds(Math.max(1, config.report_timeout_seconds()));
        thread.execute("Reading the node state", nodeState::load);
        this.schedule = thread.withDelay("Reporting", this::report, intervalSeconds * 1000L);
    }

    @Deactivate
    void deactivate() {
        schedule.cancel(false);
        close();
    }

    /** Gives the fleet client back (component deactivation). */
    private synchronized void close() {
        if (fleet != null) {
            fleetObjects.ungetService(fleet);
            fleet = null;
        }
    }

    /** Where reports go: TimerHandler's address, else ${armada.server.url}/v1.0/reports, else nowhere (null). */
    String target() {
        NodeState.Values v = nodeState.get();
        if (v.addr() != null && !v.addr().isBlank()) {
            return v.addr();
        }
        if (!serverUrl.isEmpty()) {
            return serverUrl.replaceAll("/+$", "") + "/v1.0/reports";
        }
        return null;
    }

    @Override
    public ReportingState state() {
        NodeState.Values v = nodeState.get();
        return new ReportingState(target(), v.addr(), v.nodeUuid(), v.paused(), intervalSeconds, lastSuccessUtc,
                lastError, sent.get(), failed.get());
    }

    @Override
    public void pause() {
        NodeState.Values v = nodeState.get();
        nodeState.set(new NodeState.Values(v.nodeUuid(), v.addr(), true));
        LOG.info("Reporting paused");
    }

    @Override
    public void resume() {
        NodeState.Values v = nodeState.get();
        nodeState.set(new NodeState.Values(v.nodeUuid(), v.addr(), false));
        LOG.info("Reporting resumed");
    }

    @Override
    public void update(String addr, String nodeUuid) {
        if (addr == null && nodeUuid == null) {
            throw ApiException.badRequest("addr or node_uuid is required");
        }
        if (addr != null && !validUrl(addr)) {
            throw ApiException.badRequest("addr must be an absolute http or https URL without user information");
        }
        if (nodeUuid != null && !NODE_UUID.matcher(nodeUuid).matches()) {
            throw ApiException.badRequest("node_uuid must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        NodeState.Values v = nodeState.get();
        nodeState.set(new NodeState.Values(nodeUuid == null ? v.nodeUuid() : nodeUuid,
                addr == null ? v.addr() : addr.trim(), v.paused()));
        LOG.info("Reporting target set to {}", shown(target()));
    }

    /** An absolute http(s) URL with a host and no user information (credentials in a URL end up in logs). */
    static boolean validUrl(String addr) {
        try {
            URI u = URI.create(addr.trim());
            String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (s.equals("http") || s.equals("https")) && u.getHost() != null && u.getRawUserInfo() == null
                    && addr.length() <= 2048;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A target as the log shows it: scheme, host, port and path; never user information, query or fragment. */
    static String shown(String target) {
        if (target == null) {
            return null;
        }
        try {
            URI u = URI.create(target.trim());
            if (u.getHost() == null) {
                return "(an address that is not a URL)";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(an address that is not a URL)";
        }
    }

    /** One round: both bodies, unless paused, without a target, or the previous round is still in flight. */
    void report() {
        NodeState.Values v = nodeState.get();
        String target = target();
        if (v.paused() || target == null) {
            return;
        }
        if (inFlight != null && !inFlight.isDone()) {
            LOG.debug("Previous report to {} still in flight; skipping this round", shown(target));
            return;
        }
        Map<String, Object> resource;
        Map<String, Object> service;
        try {
            resource = resourceReport();
            service = withoutUtc(SeedRows.service(monitor.service()));
        } catch (ApiException e) {
            LOG.debug("No figures to report this round: {}", e.getMessage());
            return;
        }
        FleetClient client = fleetClient();
        CompletableFuture<?> a = send(client, target, body("resource", resource, v));
        CompletableFuture<?> b = send(client, target, body("service", service, v));
        inFlight = CompletableFuture.allOf(a, b);
    }

    private CompletableFuture<?> send(FleetClient client, String target, Map<String, Object> body) {
        return client.send("POST", target, body, timeout).handle((answer, error) -> {
            if (error == null && answer.status() / 100 == 2) {
                sent.incrementAndGet();
                lastSuccessUtc = MonitorSettings.utc();
                if (failing) {
                    failing = false;
                    LOG.info("Reporting to {} works again", shown(target));
                }
            } else {
                failed.incrementAndGet();
                String why = error != null ? String.valueOf(rootCause(error)) : "HTTP " + answer.status();
                lastError = why;
                if (!failing) {
                    failing = true;
                    LOG.warn("Report to {} failed ({}); retrying every {} s", shown(target), why, intervalSeconds);
                } else {
                    LOG.debug("Report to {} failed again: {}", shown(target), why);
                }
            }
            return null;
        });
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        for (int i = 0; i < 8 && c.getCause() != null && c.getCause() != c; i++) {
            c = c.getCause();
        }
        return c;
    }

    private synchronized FleetClient fleetClient() {
        if (fleet == null) {
            fleet = fleetObjects.getService();
        }
        return fleet;
    }

    private Map<String, Object> body(String type, Map<String, Object> data, NodeState.Values v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hostname", hostname.get());
        body.put("ip", primaryIp());
        body.put("utc", MonitorSettings.utc());
        body.put("type", type);
        body.put("node_uuid", v.nodeUuid());
        body.put("port", httpPort);
        if (type.equals("resource")) {
            body.put("ports_range", portsRange);
        }
        body.put("data", data);
        return body;
    }

    /** The seed's resource report data: cpu, memory, disk, diskio, networkio, each without its utc. */
    private Map<String, Object> resourceReport() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cpu", withoutUtc(SeedRows.cpu(monitor.cpu())));
        data.put("memory", withoutUtc(SeedRows.memory(monitor.memory())));
        data.put("disk", withoutUtc(SeedRows.disk(monitor.disk())));
        data.put("diskio", withoutUtc(SeedRows.diskio(monitor.diskio())));
        data.put("networkio", withoutUtc(SeedRows.networkio(monitor.networkio())));
        io.armada.monitor.internal.servers.ManagedServers m = servers;
        if (m != null) {
            List<Map<String, Object>> list = new ArrayList<>();
            m.figures().forEach(f -> list.add(f.toReport()));
            data.put("servers", list);
        }
        return data;
    }

    private static Map<String, Object> withoutUtc(Map<String, Object> m) {
        m.remove("utc");
        return m;
    }

    /** The node's address as the server should see it: the first IPv4 address of a physical NIC. */
    /** {@code report.ip}: blank, or an IP literal (a host name is refused: the server wants an address). */
    static String validIp(String ip) {
        if (ip == null || ip.isBlank()) {
            return null;
        }
        String v = ip.trim();
        if (v.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
            return v;
        }
        if (v.contains(":") && v.matches("[0-9A-Fa-f:.]{2,45}")) {
            try {
                java.net.InetAddress.getByName(v); // an IPv6 literal: parsed, never looked up
                return v;
            } catch (java.io.IOException e) {
                // not an address
            }
        }
        throw new IllegalArgumentException("report.ip must be an IPv4 or IPv6 address, not " + v);
    }

    private String primaryIp() {
        if (reportIp != null) {
            return reportIp;
        }
        try {
            for (NetworkFigures.Nic nic : monitor.network().nics().values()) {
                if (nic.ip() != null && !nic.ip().isEmpty()) {
                    return nic.ip();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("No NIC address: {}", e.toString());
        }
        return "";
    }
}
