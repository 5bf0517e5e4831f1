package io.armada.monitor.internal;

import static io.armada.monitor.internal.Codes.figure;
import static io.armada.monitor.internal.MonitorSettings.utc;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.core.ApiException;
import io.armada.core.Dialect;
import io.armada.core.ErrorKind;
import io.armada.monitor.CpuFigures;
import io.armada.monitor.CpuvtFigures;
import io.armada.monitor.DiskFigures;
import io.armada.monitor.DiskIoFigures;
import io.armada.monitor.HardwareFigures;
import io.armada.monitor.MemoryFigures;
import io.armada.monitor.NetworkFigures;
import io.armada.monitor.NetworkIoFigures;
import io.armada.monitor.ResourceFigures;
import io.armada.monitor.ResourceStatis;
import io.armada.monitor.ServiceFigures;
import io.armada.monitor.VmFigures;
import io.armada.monitor.internal.SlowFigures.DiskFigure;
import io.armada.monitor.internal.SlowFigures.FsFigure;

/**
 * The answers of seed 003's query routes as the API's records, from the sampler and the slow figures: each route
 * waits for the first sample, reads its figures, and turns a failure into its own code ({@link Codes}). The REST
 * resources shape them into the seed's JSON.
 */
final class SeedAnswers {
    static final int PORT_STATUS_MIN_CONNECTIONS = 4;

    private final Sampler sampler;
    private final SlowFigures slow;
    /** The all-in-one answer, built at most once a second (its figures are one-second figures anyway). */
    private final Cached<ResourceFigures> resourceCache = new Cached<>(1_000, this::readResource);

    SeedAnswers(Sampler sampler, SlowFigures slow) {
        this.sampler = sampler;
        this.slow = slow;
    }

    CpuFigures cpu() {
        Figures f = sampler.figures(Codes.CPU_FAILED);
        Sampler.Latest l = sampler.latest();
        return new CpuFigures(f.logicalCpus, l == null || Double.isNaN(l.cpu()) ? 0.0 : l.cpu(), utc());
    }

    CpuvtFigures cpuvt() {
        sampler.figures(Codes.CPUVT_FAILED);
        return figure(Codes.CPUVT_FAILED, () -> new CpuvtFigures(slow.cpuvt(), slow.cachedHostname()));
    }

    MemoryFigures memory() {
        Figures f = sampler.figures(Codes.MEMORY_FAILED);
        return figure(Codes.MEMORY_FAILED, () -> {
            long[] m = f.memTotalAvailable();
            long total = m[0];
            long available = m[1];
            return new MemoryFigures(total, available, Sampler.memoryPercent(total, available), utc());
        });
    }

    DiskFigures disk() {
        return figure(Codes.DISK_FAILED, () -> {
            long utc = utc();
            Map<String, DiskFigures.FileSystem> mounts = new LinkedHashMap<>();
            for (FsFigure fs : slow.fileSystems()) {
                mounts.put(fs.mountPoint(), new DiskFigures.FileSystem(fs.rotational(), fs.total(), fs.used(), fs.free(),
                        fs.utilization()));
            }
            return new DiskFigures(mounts, utc);
        });
    }

    DiskIoFigures diskio() {
        sampler.figures(Codes.DISKIO_FAILED);
        return figure(Codes.DISKIO_FAILED, () -> {
            Map<String, DiskIoFigures.Counters> devices = new LinkedHashMap<>();
            for (DiskFigure d : slow.disks()) {
                devices.put(d.name(), new DiskIoFigures.Counters(d.readBytes(), d.writeBytes()));
                for (Map.Entry<String, long[]> p : d.partitions().entrySet()) {
                    devices.put(p.getKey(), new DiskIoFigures.Counters(p.getValue()[0], p.getValue()[1]));
                }
            }
            return new DiskIoFigures(devices, utc());
        });
    }

    NetworkFigures network() {
        sampler.figures(Codes.NETWORK_FAILED);
        return figure(Codes.NETWORK_FAILED, () -> {
            long utc = utc();
            return new NetworkFigures(slow.network(), utc);
        });
    }

    NetworkIoFigures networkio() {
        sampler.figures(Codes.NETWORKIO_FAILED);
        return figure(Codes.NETWORKIO_FAILED, () -> {
            long utc = utc();
            Sampler.Latest l = sampler.latest();
            Map<String, NetworkIoFigures.Counters> nics = new LinkedHashMap<>();
            if (l != null) {
                for (Sampler.NicFigure n : l.nics()) {
                    nics.put(n.name(), new NetworkIoFigures.Counters(n.rxBytes(), n.txBytes()));
                }
            }
            return new NetworkIoFigures(nics, utc);
        });
    }

    VmFigures vm() {
        return figure(Codes.VM_FAILED, () -> new VmFigures(slow.vms(), utc()));
    }

    HardwareFigures hardware() {
        sampler.figures(Codes.HARDWARE_FAILED);
        return figure(Codes.HARDWARE_FAILED, () -> {
            long utc = utc();
            SlowFigures.Hardware h = slow.hardware();
            return new HardwareFigures(h.serverVersion(), h.cpu(), h.disk(), h.gfxcard(), h.memory(), utc);
        });
    }

    ServiceFigures service() {
        return figure(Codes.SERVICE_FAILED, () -> {
            long utc = utc();
            return new ServiceFigures(slow.services(), utc);
        });
    }

    /** Shared by the requests of the same second. */
    ResourceFigures resource() {
        return resourceCache.get();
    }

    private ResourceFigures readResource() {
        return new ResourceFigures(cpu(), memory(), disk(), network(), vm(), diskio(), networkio(), cpuvt(), service(),
                utc());
    }

    Map<Integer, Integer> establishedConnections(Collection<Integer> ports) {
        try {
            return ProcFiles.establishedByLocalPort(ports, Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        } catch (RuntimeException e) {
            throw new ApiException(ErrorKind.INTERNAL, Dialect.MONITOR_SYSTEM_ERROR,
                    Dialect.monitorText(Dialect.MONITOR_SYSTEM_ERROR), null, e);
        }
    }

    Map<Integer, Boolean> portStatus(String ports) {
        List<Integer> list = ProcFiles.parsePorts(ports);
        Map<Integer, Boolean> m = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : establishedConnections(list).entrySet()) {
            m.put(e.getKey(), e.getValue() >= PORT_STATUS_MIN_CONNECTIONS);
        }
        return m;
    }

    ResourceStatis resourceStatis(int statisPeriod) {
        if (statisPeriod < Statis.MIN_PERIOD || statisPeriod > Statis.MAX_PERIOD) {
            throw ApiException.badRequest("statis_period must be from " + Statis.MIN_PERIOD + " to " + Statis.MAX_PERIOD);
        }
        sampler.figures(Dialect.MONITOR_SYSTEM_ERROR);
        return figure(Dialect.MONITOR_SYSTEM_ERROR, () -> {
            Map<String, String> ips = new LinkedHashMap<>();
            for (Map.Entry<String, NetworkFigures.Nic> e : slow.network().entrySet()) {
                ips.put(e.getKey(), e.getValue().ip());
            }
            Map<String, ResourceStatis.DiskUse> disks = new LinkedHashMap<>();
            for (FsFigure fs : slow.fileSystems()) {
                disks.put(fs.mountPoint(), new ResourceStatis.DiskUse(Statis.format(fs.rate()), fs.total(), fs.used()));
            }
            return Statis.compute(sampler.window(statisPeriod), ips, disks);
        });
    }
}
