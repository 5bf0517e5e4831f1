package io.armada.monitor.internal;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.monitor.NetworkFigures.Nic;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HWDiskStore;
import oshi.hardware.PhysicalMemory;

/**
 * The figures that are too slow to read on every request (file systems, disks, NIC configuration, hardware, cpuvt,
 * VM count, systemd services, hostname). Each is read by the request that finds it stale and kept for a short
 * while ({@link Cached}); no thread of its own. Every reader runs after the sampler has started.
 */
final class SlowFigures {
    private static final Logger LOG = LoggerFactory.getLogger(SlowFigures.class);

    private final Sampler sampler;
    private final Path networkScripts;
    private final FileSystems fileSystems = FileSystems.system();
    private final ServiceStates services;
    private final List<String> serviceNames;

    private final Cached<List<FsFigure>> fsCache = new Cached<>(1_000, this::readFileSystems);
    private final Cached<List<DiskFigure>> diskCache = new Cached<>(1_000, this::readDisks);
    private final Cached<Map<String, Nic>> networkCache = new Cached<>(2_000, this::readNetwork);
    private final Cached<Integer> vmCache = new Cached<>(2_000, () -> ProcFiles.countQemuProcesses(Path.of("/proc")));
    private final Cached<Map<String, String>> serviceCache;
    private final Cached<Boolean> cpuvtCache = new Cached<>(30_000, this::readCpuvt);
    private final Cached<Hardware> hardwareCache = new Cached<>(600_000, this::readHardware);
    private final Cached<String> hostnameCache = new Cached<>(60_000, SlowFigures::hostname);

    /** A real file system and its statvfs figures. */
    record FsFigure(String device, String mountPoint, String type, int rotational, long total, long used, long free,
            long unallocated, double utilization, double rate) {
    }

    /** A disk's cumulative counters, with its partitions' bytes. */
    record DiskFigure(String name, long readBytes, long writeBytes, long reads, long writes, long ioMillis,
            Map<String, long[]> partitions) {
    }

    /** The machine's models, each with its count. */
    record Hardware(String serverVersion, Map<String, Integer> cpu, Map<String, Integer> disk,
            Map<String, Integer> gfxcard, Map<String, Integer> memory) {
    }

    SlowFigures(Sampler sampler, Path networkScripts, ServiceStates services, List<String> serviceNames) {
        this.sampler = sampler;
        this.networkScripts = networkScripts;
        this.services = services;
        this.serviceNames = serviceNames;
        this.serviceCache = new Cached<>(5_000, () -> services.states(serviceNames));
    }

    List<FsFigure> fileSystems() {
        return fsCache.get();
    }

    List<DiskFigure> disks() {
        return diskCache.get();
    }

    /** Physical NICs by name, in OSHI's order. */
    Map<String, Nic> network() {
        return networkCache.get();
    }

    /** The next {@link #network()} reads the NICs again (after an IP change). */
    void networkChanged() {
        networkCache.invalidate();
    }

    int vms() {
        return vmCache.get();
    }

    Map<String, String> services() {
        return serviceCache.get();
    }

    boolean cpuvt() {
        return cpuvtCache.get();
    }

    Hardware hardware() {
        return hardwareCache.get();
    }

    String cachedHostname() {
        return hostnameCache.get();
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

    private List<DiskFigure> readDisks() {
        List<DiskFigure> out = new ArrayList<>();
        for (DiskStats.Disk d : DiskStats.read()) {
            Map<String, long[]> parts = new TreeMap<>();
            for (String p : d.partitions()) {
                long[] rw = ProcFiles.partitionBytes(d.name(), p);
                if (rw != null) {
                    parts.put(p, rw);
                }
            }
            out.add(new DiskFigure(d.name(), d.readBytes(), d.writeBytes(), d.reads(), d.writes(), d.transferMillis(),
                    parts));
        }
        return out;
    }

    private Map<String, Nic> readNetwork() {
        Figures f = sampler.figures();
        Map<String, Nic> m = new LinkedHashMap<>();
        for (Figures.Nic n : f.physicalNics()) {
            Map<String, String> ifcfg = Ifcfg.read(networkScripts, n.name());
            List<String> ips = n.ipv4();
            List<Short> masks = n.prefixLengths();
            m.put(n.name(), new Nic(ips.isEmpty() ? "" : ips.get(0), n.mac(),
                    masks.isEmpty() || masks.get(0) == null ? "" : Ifcfg.prefixToMask(masks.get(0)),
                    ifcfg.getOrDefault("GATEWAY", ""), ifcfg.getOrDefault("DNS1", ""), ifcfg.getOrDefault("DNS2", ""),
                    n.speedMbps(), n.connectorPresent()));
        }
        return m;
    }

    private Boolean readCpuvt() {
        Figures f = sampler.figures();
        boolean flag = false;
        for (String line : f.cpuFlagLines()) {
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

    private Hardware readHardware() {
        Figures f = sampler.figures();
        Map<String, Integer> cpu = new LinkedHashMap<>();
        String cpuName = f.cpu().getProcessorIdentifier().getName().trim();
        cpu.put(cpuName.isEmpty() ? "unknown" : cpuName, Math.max(1, f.cpu().getPhysicalPackageCount()));
        Map<String, Integer> disks = new LinkedHashMap<>();
        for (HWDiskStore d : f.diskStores()) {
            String model = d.getModel() == null ? "" : d.getModel().trim();
            disks.merge(model.isEmpty() ? "unknown" : model, 1, Integer::sum);
        }
        Map<String, Integer> gfx = new LinkedHashMap<>();
        for (GraphicsCard g : f.hal().getGraphicsCards()) {
            String name = g.getName() == null ? "" : g.getName().trim();
            gfx.merge(name.isEmpty() ? "unknown" : name, 1, Integer::sum);
        }
        Map<String, Integer> memory = new LinkedHashMap<>();
        for (PhysicalMemory pm : f.memory().getPhysicalMemory()) {
            String model = (nz(pm.getManufacturer()) + " " + nz(pm.getPartNumber())).trim();
            if (model.isEmpty()) {
                model = nz(pm.getMemoryType()).trim();
            }
            memory.merge(model.isEmpty() ? "unknown" : model, 1, Integer::sum);
        }
        return new Hardware(ProcFiles.serverVersion(Path.of("/etc/os-release")), cpu,
                disks, gfx, memory);
    }

    private static String nz(String s) {
        return s == null || s.equalsIgnoreCase("unknown") ? "" : s;
    }

    /** The node's address as the server should see it: the first IPv4 address of a physical NIC. */
    String primaryIp() {
        try {
            for (Nic nic : networkCache.get().values()) {
                if (nic.ip() != null && !nic.ip().isEmpty()) {
                    return nic.ip();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("No NIC address: {}", e.toString());
        }
        return "";
    }

    /** The kernel's hostname, else the JDK's idea of it, else "". */
    static String hostname() {
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
