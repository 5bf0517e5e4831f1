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
import io.armada.monitor.internal.SlowFigures.DiskFigure;
import io.armada.monitor.internal.SlowFigures.FsFigure;
import io.armada.monitor.internal.SlowFigures.NicConfig;

/**
 * The answers of seed 003's query routes, from the sampler and the slow figures: each route waits for the first
 * sample, reads its figures, and turns a failure into its own code ({@link Codes}).
 */
final class SeedAnswers {
    static final int PORT_STATUS_MIN_CONNECTIONS = 4;

    private final Sampler sampler;
    private final SlowFigures slow;
    /** The all-in-one answer, built at most once a second (its figures are one-second figures anyway). */
    private final Cached<Map<String, Object>> resourceCache = new Cached<>(1_000, this::readResource);

    SeedAnswers(Sampler sampler, SlowFigures slow) {
        this.sampler = sampler;
        this.slow = slow;
    }

    Map<String, Object> cpu() {
        Figures f = sampler.figures(Codes.CPU_FAILED);
        Sampler.Latest l = sampler.latest();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numbers", f.logicalCpus);
        m.put("utc", utc());
        m.put("utilization", l == null || Double.isNaN(l.cpu()) ? 0.0 : l.cpu());
        return m;
    }

    Map<String, Object> cpuvt() {
        sampler.figures(Codes.CPUVT_FAILED);
        return figure(Codes.CPUVT_FAILED, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cpuvt", slow.cpuvt());
            m.put("hostname", slow.cachedHostname());
            return m;
        });
    }

    Map<String, Object> memory() {
        Figures f = sampler.figures(Codes.MEMORY_FAILED);
        return figure(Codes.MEMORY_FAILED, () -> {
            long total = f.memory.getTotal();
            long available = f.memory.getAvailable();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("available", available);
            m.put("total", total);
            m.put("utc", utc());
            m.put("utilization", Sampler.memoryPercent(total, available));
            return m;
        });
    }

    Map<String, Object> disk() {
        return figure(Codes.DISK_FAILED, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            for (FsFigure fs : slow.fileSystems()) {
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

    Map<String, Object> diskio() {
        sampler.figures(Codes.DISKIO_FAILED);
        return figure(Codes.DISKIO_FAILED, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (DiskFigure d : slow.disks()) {
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

    Map<String, Object> network() {
        sampler.figures(Codes.NETWORK_FAILED);
        return figure(Codes.NETWORK_FAILED, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            for (Map.Entry<String, NicConfig> e : slow.network().entrySet()) {
                NicConfig n = e.getValue();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("ip", n.ip());
                d.put("mac", n.mac());
                d.put("mask", n.mask());
                d.put("gateway", n.gateway());
                d.put("dns1", n.dns1());
                d.put("dns2", n.dns2());
                d.put("speed", n.speed());
                d.put("stat", n.up());
                m.put(e.getKey(), d);
            }
            return m;
        });
    }

    Map<String, Object> networkio() {
        sampler.figures(Codes.NETWORKIO_FAILED);
        return figure(Codes.NETWORKIO_FAILED, () -> {
            Sampler.Latest l = sampler.latest();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            if (l != null) {
                for (Sampler.NicFigure n : l.nics()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("bytes_recv", n.rxBytes());
                    d.put("bytes_send", n.txBytes());
                    m.put(n.name(), d);
                }
            }
            return m;
        });
    }

    Map<String, Object> vm() {
        return figure(Codes.VM_FAILED, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("numbers", slow.vms());
            m.put("utc", utc());
            return m;
        });
    }

    Map<String, Object> hardware() {
        sampler.figures(Codes.HARDWARE_FAILED);
        return figure(Codes.HARDWARE_FAILED, () -> {
            SlowFigures.Hardware h = slow.hardware();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            m.put("server_version", h.serverVersion());
            m.put("cpu", new LinkedHashMap<>(h.cpu()));
            m.put("disk", new LinkedHashMap<>(h.disk()));
            m.put("gfxcard", new LinkedHashMap<>(h.gfxcard()));
            m.put("memory", new LinkedHashMap<>(h.memory()));
            return m;
        });
    }

    Map<String, Object> service() {
        return figure(Codes.SERVICE_FAILED, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utc", utc());
            m.putAll(slow.services());
            return m;
        });
    }

    /** Shared by the requests of the same second: callers must not change it. */
    Map<String, Object> resource() {
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

    Map<Integer, Integer> establishedConnections(Collection<Integer> ports) {
        try {
            return ProcFiles.establishedByLocalPort(ports, Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        } catch (RuntimeException e) {
            throw new ApiException(ErrorKind.INTERNAL, Dialect.MONITOR_SYSTEM_ERROR,
                    Dialect.monitorText(Dialect.MONITOR_SYSTEM_ERROR), null, e);
        }
    }

    Map<String, Object> portStatus(String ports) {
        List<Integer> list = ProcFiles.parsePorts(ports);
        Map<Integer, Integer> counts = establishedConnections(list);
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            m.put(Integer.toString(e.getKey()), e.getValue() >= PORT_STATUS_MIN_CONNECTIONS);
        }
        return m;
    }

    Map<String, Object> resourceStatis(int statisPeriod) {
        if (statisPeriod < Statis.MIN_PERIOD || statisPeriod > Statis.MAX_PERIOD) {
            throw ApiException.badRequest("statis_period must be from " + Statis.MIN_PERIOD + " to " + Statis.MAX_PERIOD);
        }
        sampler.figures(Dialect.MONITOR_SYSTEM_ERROR);
        return figure(Dialect.MONITOR_SYSTEM_ERROR, () -> {
            Map<String, String> ips = new LinkedHashMap<>();
            for (Map.Entry<String, NicConfig> e : slow.network().entrySet()) {
                ips.put(e.getKey(), e.getValue().ip());
            }
            Map<String, Object> disks = new LinkedHashMap<>();
            for (FsFigure fs : slow.fileSystems()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("rate", Statis.format(fs.rate()));
                d.put("total", fs.total());
                d.put("used", fs.used());
                disks.put(fs.mountPoint(), d);
            }
            return Statis.compute(sampler.window(statisPeriod), ips, disks);
        });
    }
}
