package io.armada.monitor.internal;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.Dialect;
import io.armada.core.ErrorKind;
import io.armada.core.FleetClient;
import io.armada.core.Threads;
import io.armada.monitor.MonitorService;
import io.armada.monitor.Reporting;
import io.armada.monitor.ReportingState;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HWPartition;
import oshi.hardware.NetworkIF;
import oshi.hardware.PhysicalMemory;

/**
 * The monitor of this node: figures (seed 003 query routes), the one-second sampler behind {@code cpu},
 * {@code resource_statis}, NIC rates and {@code /metrics}, and the reports to the server.
 *
 * <p>It owns exactly one thread ({@code armada-monitor}): OSHI is created there, the sampler runs there every
 * second (one {@code /proc/stat} read, one {@code /proc/meminfo} read, the byte counters of the physical NICs),
 * and so do the reports. Requests never sleep: slower figures (file systems, disks, processes, systemd) are
 * computed by the request that finds them stale and kept for a short while ({@link Cached}). Activation only
 * schedules work, so bundle start and stop never wait for the machine or the network.
 */
@Component(service = {MonitorService.class, Reporting.class, MonitorInternals.class}, immediate = true,
        configurationPid = "io.armada.monitor")
@Designate(ocd = MonitorConfiguration.class)
public class MonitorNode implements MonitorService, Reporting, MonitorInternals {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorNode.class);

    static final int SAMPLES = 60;
    static final int PORT_STATUS_MIN_CONNECTIONS = 4;
    private static final long NIC_LIST_REFRESH_MS = 60_000;
    private static final long DISK_LIST_REFRESH_MS = 60_000;
    private static final Duration READY_WAIT = Duration.ofSeconds(15);

    private final MonitorConfiguration config;
    private final ScheduledThreadPoolExecutor executor;
    private final CompletableFuture<Figures> ready = new CompletableFuture<>();
    private final SampleRing ring = new SampleRing(SAMPLES);
    private final NodeState nodeState;
    private final Path networkScripts;
    private final FileSystems fileSystems = FileSystems.system();
    private final ServiceStates services;
    private final List<String> serviceNames;
    private final Reporter reporter;

    // sampler state: written by the monitor thread only
    private long[] prevTicks;
    private List<String> sampledNics = List.of();
    /** When the NIC list was last read; meaningless until {@link #nicsListed}. */
    private long nicsListedAt;
    private boolean nicsListed;
    private volatile Latest latest;
    private final AtomicLong sampleSeq = new AtomicLong();

    // request-side caches
    private final Cached<List<FsFigure>> fsCache = new Cached<>(1_000, this::readFileSystems);
    private final Cached<List<DiskFigure>> diskCache = new Cached<>(1_000, this::readDisks);
    private final Cached<Map<String, Object>> networkCache = new Cached<>(2_000, this::readNetwork);
    private final Cached<Integer> vmCache = new Cached<>(2_000, () -> ProcFiles.countQemuProcesses(Path.of("/proc")));
    private final Cached<Map<String, String>> serviceCache;
    private final Cached<Boolean> cpuvtCache = new Cached<>(30_000, this::readCpuvt);
    private final Cached<Map<String, Object>> hardwareCache = new Cached<>(600_000, this::readHardware);
    private final Cached<String> hostnameCache = new Cached<>(60_000, MonitorNode::readHostname);
    /** The all-in-one answer, built at most once a second (its figures are one-second figures anyway). */
    private final Cached<Map<String, Object>> resourceCache = new Cached<>(1_000, this::readResource);
    private volatile List<HWDiskStore> diskStores;
    private volatile long disksListedAt;
    private String metricsText;
    private long metricsSeq = -1;

    /** What the sampler saw last. */
    record Latest(long millis, double cpu, long[][] perCpuTicks, long memTotal, long memAvailable,
            NicFigure[] nics) {
    }

    /** Counters of one physical NIC at one sample (from /proc/net/dev). */
    record NicFigure(String name, long rxBytes, long txBytes, long rxPackets, long txPackets, long rxErrors,
            long txErrors, long rxDrops) {
    }

    /** A real file system and its statvfs figures. */
    record FsFigure(String device, String mountPoint, String type, int rotational, long total, long used, long free,
            long unallocated, double utilization, double rate) {
    }

    /** A disk's cumulative counters, with its partitions' bytes. */
    record DiskFigure(String name, long readBytes, long writeBytes, long reads, long writes, long ioMillis,
            Map<String, long[]> partitions) {
    }

    @Activate
    public MonitorNode(MonitorConfiguration config,
            @Reference(name = "fleet") ComponentServiceObjects<FleetClient> fleetObjects) {
        this(config, fleetObjects, dataFolder(), System.getProperty("armada.server.url", ""), httpPort(),
                ServiceStates.sdBooted());
    }

    MonitorNode(MonitorConfiguration config, ComponentServiceObjects<FleetClient> fleetObjects, Path dataFolder,
            String serverUrl, int httpPort, java.util.function.BooleanSupplier systemd) {
        this.config = config;
        this.nodeState = new NodeState(dataFolder.resolve("monitor"));
        this.networkScripts = Path.of(config.network_scripts_dir());
        this.services = new ServiceStates(CommandRunner.split(config.command_systemctl()), systemd);
        this.serviceNames = list(config.services());
        this.serviceCache = new Cached<>(5_000, () -> services.states(serviceNames));
        this.reporter = new Reporter(nodeState, fleetObjects, serverUrl, httpPort, validPortsRange(list(config.ports_range())),
                config.report_interval_seconds(), config.report_timeout_seconds(), hostnameCache::get, this::primaryIp,
                this::resourceReport, this::serviceReport);
        if (config.report_interval_seconds() < 1) {
            throw new IllegalArgumentException("report.interval.seconds must be at least 1, not "
                    + config.report_interval_seconds());
        }
        this.executor = new ScheduledThreadPoolExecutor(1, Threads.daemon("armada-monitor"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.execute(this::init);
        executor.scheduleAtFixedRate(this::sampleSafely, 1000, 1000, TimeUnit.MILLISECONDS);
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
        ready.completeExceptionally(new IllegalStateException("monitor stopped"));
    }

    /** The data folder: armada.data, else karaf.data, else ./data. */
    static Path dataFolder() {
        for (String key : new String[] {"armada.data", "karaf.data"}) {
            String v = System.getProperty(key);
            if (v != null && !v.isBlank() && !v.contains("${")) {
                return Path.of(v.trim());
            }
        }
        return Path.of("data");
    }

    private static int httpPort() {
        for (String key : new String[] {"armada.http.port", "org.osgi.service.http.port"}) {
            String v = System.getProperty(key);
            if (v != null) {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException ignored) {
                    // try the next
                }
            }
        }
        return 0;
    }

    /**
     * A list setting: array entries, each also split on commas (a .cfg file gives "a,b" as one string), trimmed,
     * blanks dropped.
     */
    static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> validPortsRange(List<String> ranges) {
        List<String> out = new ArrayList<>();
        for (String r : ranges) {
            String t = r.trim();
            String[] p = t.split("-");
            try {
                if (p.length != 2) {
                    throw new IllegalArgumentException();
                }
                int down = Integer.parseInt(p[0].trim());
                int up = Integer.parseInt(p[1].trim());
                if (down < 1024 || up > 65536 || down >= up) {
                    throw new IllegalArgumentException();
                }
                out.add(down + "-" + up);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ports.range entries are down-up with 1024 <= down < up <= 65536, not '"
                        + r + "'", e);
            }
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ sampler

    private void init() {
        try {
            nodeState.load();
            Figures f = new Figures();
            sample(f);
            ready.complete(f);
            LOG.debug("Monitor ready: {} logical CPUs", f.logicalCpus);
        } catch (RuntimeException | Error e) {
            LOG.error("The monitor could not read this machine's figures", e);
            ready.completeExceptionally(e);
        }
    }

    private void sampleSafely() {
        Figures f = ready.getNow(null);
        if (f == null) {
            return;
        }
        try {
            sample(f);
        } catch (RuntimeException e) {
            LOG.warn("Sampling failed: {}", e.toString());
        }
    }

    /**
     * One sample: CPU ticks ({@code /proc/stat}), memory ({@code /proc/meminfo}) and the physical NICs' counters
     * ({@code /proc/net/dev}): three small files, read with {@link ProcFiles}' parsers (OSHI where there is no
     * {@code /proc}). Runs on the monitor thread only.
     */
    private void sample(Figures f) {
        long now = System.currentTimeMillis();
        long[][] perCpu = null;
        long[] memory = {-1, -1};
        if (f.userHz > 0) {
            try {
                perCpu = ProcFiles.toMillis(ProcFiles.cpuTicks(Files.readString(Figures.PROC_STAT), f.logicalCpus),
                        f.userHz);
                memory = ProcFiles.memTotalAvailable(Files.readString(Figures.PROC_MEMINFO));
            } catch (java.io.IOException e) {
                perCpu = null;
            }
        }
        if (perCpu == null) {
            perCpu = f.cpu.getProcessorCpuLoadTicks();
        }
        long[] ticks = sum(perCpu);
        double cpu = prevTicks == null ? Double.NaN : busyPercent(prevTicks, ticks);
        prevTicks = ticks;
        long total = memory[0] >= 0 ? memory[0] : f.memory.getTotal();
        long available = memory[1] >= 0 ? memory[1] : f.memory.getAvailable();
        Map<String, long[]> dev;
        try {
            dev = ProcFiles.netDev(Files.readString(Figures.PROC_NET_DEV));
        } catch (java.io.IOException e) {
            dev = Map.of();
        }
        // no sentinel such as Long.MIN_VALUE here: now - Long.MIN_VALUE overflows to a negative number, and the list
        // was never filled
        if (!nicsListed || now - nicsListedAt > NIC_LIST_REFRESH_MS) {
            List<String> physical = new ArrayList<>();
            for (String name : dev.keySet()) {
                if (Figures.isPhysicalNic(name)) {
                    physical.add(name);
                }
            }
            sampledNics = List.copyOf(physical);
            nicsListedAt = now;
            nicsListed = true;
        }
        List<NicFigure> nics = new ArrayList<>(sampledNics.size());
        for (String name : sampledNics) {
            long[] c = dev.get(name);
            if (c != null) {
                nics.add(new NicFigure(name, c[0], c[8], c[1], c[9], c[2], c[10], c[3]));
            }
        }
        String[] names = new String[nics.size()];
        long[] rx = new long[names.length];
        long[] tx = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = nics.get(i).name();
            rx[i] = nics.get(i).rxBytes();
            tx[i] = nics.get(i).txBytes();
        }
        ring.add(new Sample(now, cpu, memoryPercent(total, available), names, rx, tx));
        latest = new Latest(now, cpu, perCpu, total, available, nics.toArray(new NicFigure[0]));
        sampleSeq.incrementAndGet();
    }

    /** Samples taken since start. */
    long sampleCount() {
        return sampleSeq.get();
    }

    static long[] sum(long[][] perCpu) {
        long[] total = new long[TickType.values().length];
        for (long[] cpu : perCpu) {
            for (int i = 0; i < total.length && i < cpu.length; i++) {
                total[i] += cpu[i];
            }
        }
        return total;
    }

    /** psutil's cpu_percent: busy = everything but idle and iowait, over the ticks between two readings, one decimal. */
    static double busyPercent(long[] before, long[] after) {
        long all = 0;
        for (int i = 0; i < after.length; i++) {
            all += Math.max(0, after[i] - before[i]);
        }
        long idle = Math.max(0, after[TickType.IDLE.getIndex()] - before[TickType.IDLE.getIndex()])
                + Math.max(0, after[TickType.IOWAIT.getIndex()] - before[TickType.IOWAIT.getIndex()]);
        if (all <= 0) {
            return 0.0;
        }
        return round1((all - idle) * 100.0 / all);
    }

    static double memoryPercent(long total, long available) {
        return total <= 0 ? 0.0 : round1((total - available) * 100.0 / total);
    }

    static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    private Figures figures(int code) {
        try {
            return ready.get(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(code, e);
        } catch (ExecutionException | TimeoutException e) {
            throw failure(code, e);
        }
    }

    // ------------------------------------------------------------------ figures

    static long utc() {
        return System.currentTimeMillis() / 1000;
    }

    private static ApiException failure(int code, Throwable cause) {
        return new ApiException(ErrorKind.INTERNAL, code, failureText(code), null, cause);
    }

    static String failureText(int code) {
        return switch (code) {
            case 40001 -> "获取CPU信息失败";
            case 40002 -> "获取CPU虚拟化信息失败";
            case 40101 -> "获取内存信息失败";
            case 40201 -> "获取存储信息失败";
            case 40202 -> "获取磁盘IO信息失败";
            case 40301 -> "获取网络信息失败";
            case 40302 -> "获取网络IO信息失败";
            case 40401 -> "获取机器硬件信息失败";
            case 40501 -> "获取系统服务信息失败";
            case 40502 -> "获取虚拟机信息失败";
            default -> Dialect.monitorText(Dialect.MONITOR_SYSTEM_ERROR);
        };
    }

    /** Runs a figure reader; a fault of ours becomes the route's own error code. */
    private static <T> T figure(int code, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(code, e);
        }
    }

    @Override
    public Map<String, Object> cpu() {
        Figures f = figures(40001);
        Latest l = latest;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numbers", f.logicalCpus);
        m.put("utc", utc());
        m.put("utilization", l == null || Double.isNaN(l.cpu()) ? 0.0 : l.cpu());
        return m;
    }

    @Override
    public Map<String, Object> cpuvt() {
        figures(40002);
        return figure(40002, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cpuvt", cpuvtCache.get());
            m.put("hostname", hostnameCache.get());
            return m;
        });
    }

    private Boolean readCpuvt() {
        Figures f = ready.join();
        boolean flag = false;
        for (String line : f.cpu.getFeatureFlags()) {
            for (String token : line.split("[\\s:]+")) {
                if (token.equals("vmx") || token.equals("svm")) {
                    flag = true;
                    break;
                }
            }
        }
        boolean kvm = Files.isDirectory(Path.of("/sys/module/kvm_intel")) || Files.isDirectory(Path.of("/sys/module/kvm_amd"));
        return flag && kvm && "running".equals(services.states(List.of("libvirtd")).get("libvirtd"));
    }

    @Override
    public Map<String, Object> memory() {
        Figures f = figures(40101);
        return figure(40101, () -> {
            long total = f.memory.getTotal();
            long available = f.memory.getAvailable();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("available", available);
            m.put("total", total);
            m.put("utc", utc());
            m.put("utilization", memoryPercent(total, available));
            return m;
        });
    }

    private List<FsFigure> readFileSystems() {
        List<FsFigure> out = new ArrayList<>();
        for (FileSystems.Mount mount : fileSystems.realMounts()) {
            FileSystems.Usage u = FileSystems.usage(mount.mountPoint());
            if (u == null) {
                continue;
            }
            long unallocated = u.total() - u.used();
            out.add(new FsFigure(mount.device(), mount.mountPoint(), mount.type(), fileSystems.rotational(mount.device()),
                    u.total(), u.used(), u.free(), unallocated, u.utilization(), u.rate()));
        }
        return out;
    }

    @Override
    public Map<String, Object> disk() {
        return figure(40201, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            for (FsFigure fs : fsCache.get()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("type", fs.rotational());
                d.put("total", fs.total());
                d.put("used", fs.used());
                d.put("free", fs.free());
                d.put("utilization", fs.utilization());
                m.put(fs.mountPoint(), d);
            }
            return m;
        });
    }

    private List<DiskFigure> readDisks() {
        Figures f = ready.join();
        long now = System.currentTimeMillis();
        List<HWDiskStore> stores = diskStores;
        if (stores == null || now - disksListedAt > DISK_LIST_REFRESH_MS) {
            stores = f.disks();
            diskStores = stores;
            disksListedAt = now;
        } else {
            for (HWDiskStore d : stores) {
                d.updateAttributes();
            }
        }
        List<DiskFigure> out = new ArrayList<>();
        for (HWDiskStore d : stores) {
            String name = d.getName().startsWith("/dev/") ? d.getName().substring(5) : d.getName();
            Map<String, long[]> parts = new TreeMap<>();
            for (HWPartition p : d.getPartitions()) {
                long[] rw = partitionBytes(name, p.getIdentification());
                if (rw != null) {
                    parts.put(p.getIdentification(), rw);
                }
            }
            out.add(new DiskFigure(name, d.getReadBytes(), d.getWriteBytes(), d.getReads(), d.getWrites(),
                    d.getTransferTime(), parts));
        }
        return out;
    }

    /**
     * Bytes read and written by a partition, from {@code /sys/block/<disk>/<part>/stat} (the file OSHI reads for the
     * disk itself; OSHI keeps no counters per partition). Fields 3 and 7 count 512-byte sectors.
     */
    static long[] partitionBytes(String disk, String partition) {
        if (partition == null || partition.contains("/") || partition.startsWith(".")) {
            return null;
        }
        String stat = ProcFiles.firstLine(Path.of("/sys/block", disk, partition, "stat"));
        return parseBlockStat(stat);
    }

    static long[] parseBlockStat(String stat) {
        String[] f = stat.trim().split("\\s+");
        if (f.length < 7) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(f[2]) * 512L, Long.parseLong(f[6]) * 512L};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Map<String, Object> diskio() {
        figures(40202);
        return figure(40202, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (DiskFigure d : diskCache.get()) {
                m.put(d.name(), rw(d.readBytes(), d.writeBytes()));
                for (Map.Entry<String, long[]> p : d.partitions().entrySet()) {
                    m.put(p.getKey(), rw(p.getValue()[0], p.getValue()[1]));
                }
            }
            m.put("utc", utc());
            return m;
        });
    }

    private static Map<String, Object> rw(long read, long write) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read_bytes", read);
        m.put("write_bytes", write);
        return m;
    }

    private Map<String, Object> readNetwork() {
        Figures f = ready.join();
        Map<String, Object> m = new LinkedHashMap<>();
        for (NetworkIF n : f.physicalNics()) {
            Map<String, String> ifcfg = Ifcfg.read(networkScripts, n.getName());
            String[] ips = n.getIPv4addr();
            Short[] masks = n.getSubnetMasks();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ip", ips.length > 0 ? ips[0] : "");
            d.put("mac", n.getMacaddr());
            d.put("mask", masks.length > 0 && masks[0] != null ? Ifcfg.prefixToMask(masks[0]) : "");
            d.put("gateway", ifcfg.getOrDefault("GATEWAY", ""));
            d.put("dns1", ifcfg.getOrDefault("DNS1", ""));
            d.put("dns2", ifcfg.getOrDefault("DNS2", ""));
            d.put("speed", n.getSpeed() > 0 ? n.getSpeed() / 1_000_000L : 0L);
            d.put("stat", n.isConnectorPresent());
            m.put(n.getName(), d);
        }
        return m;
    }

    @Override
    public Map<String, Object> network() {
        figures(40301);
        return figure(40301, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            m.putAll(networkCache.get());
            return m;
        });
    }

    @Override
    public void networkChanged() {
        networkCache.invalidate();
    }

    @Override
    public Map<String, Object> networkio() {
        figures(40302);
        return figure(40302, () -> {
            Latest l = latest;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            if (l != null) {
                for (NicFigure n : l.nics()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("bytes_recv", n.rxBytes());
                    d.put("bytes_send", n.txBytes());
                    m.put(n.name(), d);
                }
            }
            return m;
        });
    }

    @Override
    public Map<String, Object> vm() {
        return figure(40502, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("numbers", vmCache.get());
            m.put("utc", utc());
            return m;
        });
    }

    private Map<String, Object> readHardware() {
        Figures f = ready.join();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server_version", ProcFiles.serverVersion(Path.of("/etc/os-release")));
        Map<String, Object> cpu = new LinkedHashMap<>();
        String cpuName = f.cpu.getProcessorIdentifier().getName().trim();
        cpu.put(cpuName.isEmpty() ? "unknown" : cpuName, Math.max(1, f.cpu.getPhysicalPackageCount()));
        m.put("cpu", cpu);
        Map<String, Object> disks = new LinkedHashMap<>();
        for (HWDiskStore d : f.disks()) {
            String model = d.getModel() == null ? "" : d.getModel().trim();
            disks.merge(model.isEmpty() ? "unknown" : model, 1, (a, b) -> (Integer) a + (Integer) b);
        }
        m.put("disk", disks);
        Map<String, Object> gfx = new LinkedHashMap<>();
        for (GraphicsCard g : f.hal.getGraphicsCards()) {
            String name = g.getName() == null ? "" : g.getName().trim();
            gfx.merge(name.isEmpty() ? "unknown" : name, 1, (a, b) -> (Integer) a + (Integer) b);
        }
        m.put("gfxcard", gfx);
        Map<String, Object> memory = new LinkedHashMap<>();
        for (PhysicalMemory pm : f.memory.getPhysicalMemory()) {
            String model = (nz(pm.getManufacturer()) + " " + nz(pm.getPartNumber())).trim();
            if (model.isEmpty()) {
                model = nz(pm.getMemoryType()).trim();
            }
            memory.merge(model.isEmpty() ? "unknown" : model, 1, (a, b) -> (Integer) a + (Integer) b);
        }
        m.put("memory", memory);
        return m;
    }

    private static String nz(String s) {
        return s == null || s.equalsIgnoreCase("unknown") ? "" : s;
    }

    @Override
    public Map<String, Object> hardware() {
        figures(40401);
        return figure(40401, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            m.putAll(hardwareCache.get());
            return m;
        });
    }

    @Override
    public Map<String, Object> service() {
        return figure(40501, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            m.putAll(serviceCache.get());
            return m;
        });
    }

    /**
     * The answer is shared by the requests of the same second: callers must not change it (the route only writes it
     * out; {@link #resourceReport()} builds its own maps).
     */
    @Override
    public Map<String, Object> resource() {
        return resourceCache.get();
    }

    private Map<String, Object> readResource() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu());
        m.put("memory", memory());
        m.put("disk", disk());
        m.put("network", network());
        m.put("vm", vm());
        m.put("diskio", diskio());
        m.put("networkio", networkio());
        m.put("cpuvt", cpuvt());
        m.put("service", service());
        m.put("utc", utc());
        return m;
    }

    // ------------------------------------------------------------------ port_status, resource_statis

    @Override
    public Map<Integer, Integer> establishedConnections(Collection<Integer> ports) {
        try {
            return ProcFiles.establishedByLocalPort(ports, Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        } catch (RuntimeException e) {
            throw new ApiException(ErrorKind.INTERNAL, Dialect.MONITOR_SYSTEM_ERROR,
                    Dialect.monitorText(Dialect.MONITOR_SYSTEM_ERROR), null, e);
        }
    }

    @Override
    public Map<String, Object> portStatus(String ports) {
        List<Integer> list = parsePorts(ports);
        Map<Integer, Integer> counts = establishedConnections(list);
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            m.put(Integer.toString(e.getKey()), e.getValue() >= PORT_STATUS_MIN_CONNECTIONS);
        }
        return m;
    }

    /** "55460,5905" → [55460, 5905]; anything else is 88888. */
    static List<Integer> parsePorts(String ports) {
        if (ports == null || ports.isBlank()) {
            throw ApiException.badRequest("ports is required");
        }
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        for (String p : ports.split(",")) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("ports must be comma-separated port numbers");
            }
            if (port < 1 || port > 65535) {
                throw ApiException.badRequest("a port is a number from 1 to 65535");
            }
            out.add(port);
            if (out.size() > 1024) {
                throw ApiException.badRequest("at most 1024 ports");
            }
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest("ports is required");
        }
        return new ArrayList<>(out);
    }

    @Override
    public Map<String, Object> resourceStatis(int statisPeriod) {
        if (statisPeriod < Statis.MIN_PERIOD || statisPeriod > Statis.MAX_PERIOD) {
            throw ApiException.badRequest("statis_period must be from " + Statis.MIN_PERIOD + " to " + Statis.MAX_PERIOD);
        }
        figures(Dialect.MONITOR_SYSTEM_ERROR);
        return figure(Dialect.MONITOR_SYSTEM_ERROR, () -> {
            Map<String, String> ips = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : networkCache.get().entrySet()) {
                if (e.getValue() instanceof Map<?, ?> nic) {
                    ips.put(e.getKey(), String.valueOf(nic.get("ip")));
                }
            }
            Map<String, Object> disks = new LinkedHashMap<>();
            for (FsFigure fs : fsCache.get()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("rate", Statis.format(fs.rate()));
                d.put("total", fs.total());
                d.put("used", fs.used());
                disks.put(fs.mountPoint(), d);
            }
            return Statis.compute(ring.last(statisPeriod), ips, disks);
        });
    }

    // ------------------------------------------------------------------ metrics

    @Override
    public String metrics() {
        Figures f = figures(Dialect.MONITOR_SYSTEM_ERROR);
        long seq = sampleSeq.get();
        synchronized (this) {
            if (metricsText != null && metricsSeq == seq) {
                return metricsText;
            }
        }
        String text = buildMetrics(f);
        synchronized (this) {
            metricsText = text;
            metricsSeq = seq;
        }
        return text;
    }

    private String buildMetrics(Figures f) {
        return NodeMetrics.build(f, latest, fsCache.get(), diskCache.get(), networkCache.get(), reporter.sent(),
                reporter.failed(), nodeState.get().paused());
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
        if (ready.getNow(null) != null) {
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
        Map<String, Object> data = new LinkedHashMap<>();
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

    /** The node's address as the server should see it: the first IPv4 address of a physical NIC. */
    String primaryIp() {
        try {
            for (Object nic : networkCache.get().values()) {
                if (nic instanceof Map<?, ?> d && d.get("ip") instanceof String ip && !ip.isEmpty()) {
                    return ip;
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("No NIC address: {}", e.toString());
        }
        return "";
    }

    static String hostname() {
        return readHostname();
    }

    private static String readHostname() {
        String h = ProcFiles.firstLine(Path.of("/proc/sys/kernel/hostname"));
        if (!h.isEmpty()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
