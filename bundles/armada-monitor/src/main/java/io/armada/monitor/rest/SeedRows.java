package io.armada.monitor.rest;

import java.util.LinkedHashMap;
import java.util.Map;

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

/**
 * The seed's JSON for each figure record (originals.md §003): fixed keys in the seed's order beside dynamic keys
 * (mount points, NIC and disk names). Every call builds fresh, mutable maps. The node's reports to the server carry
 * the same rows without their {@code utc} (SPEC §6), so the reporting component uses them too.
 */
public final class SeedRows {
    private SeedRows() {
    }

    public static Map<String, Object> cpu(CpuFigures c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numbers", c.numbers());
        m.put("utc", c.utc());
        m.put("utilization", c.utilization());
        return m;
    }

    public static Map<String, Object> cpuvt(CpuvtFigures c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpuvt", c.cpuvt());
        m.put("hostname", c.hostname());
        return m;
    }

    public static Map<String, Object> memory(MemoryFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", f.available());
        m.put("total", f.total());
        m.put("utc", f.utc());
        m.put("utilization", f.utilization());
        return m;
    }

    public static Map<String, Object> disk(DiskFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("utc", f.utc());
        for (Map.Entry<String, DiskFigures.FileSystem> e : f.mounts().entrySet()) {
            DiskFigures.FileSystem fs = e.getValue();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("type", fs.type());
            d.put("total", fs.total());
            d.put("used", fs.used());
            d.put("free", fs.free());
            d.put("utilization", fs.utilization());
            m.put(e.getKey(), d);
        }
        return m;
    }

    public static Map<String, Object> diskio(DiskIoFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, DiskIoFigures.Counters> e : f.devices().entrySet()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("read_bytes", e.getValue().readBytes());
            d.put("write_bytes", e.getValue().writeBytes());
            m.put(e.getKey(), d);
        }
        m.put("utc", f.utc());
        return m;
    }

    public static Map<String, Object> network(NetworkFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("utc", f.utc());
        for (Map.Entry<String, NetworkFigures.Nic> e : f.nics().entrySet()) {
            NetworkFigures.Nic n = e.getValue();
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
    }

    public static Map<String, Object> networkio(NetworkIoFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("utc", f.utc());
        for (Map.Entry<String, NetworkIoFigures.Counters> e : f.nics().entrySet()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("bytes_recv", e.getValue().bytesRecv());
            d.put("bytes_send", e.getValue().bytesSend());
            m.put(e.getKey(), d);
        }
        return m;
    }

    public static Map<String, Object> vm(VmFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numbers", f.numbers());
        m.put("utc", f.utc());
        return m;
    }

    public static Map<String, Object> hardware(HardwareFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("utc", f.utc());
        m.put("server_version", f.serverVersion());
        m.put("cpu", new LinkedHashMap<>(f.cpu()));
        m.put("disk", new LinkedHashMap<>(f.disk()));
        m.put("gfxcard", new LinkedHashMap<>(f.gfxcard()));
        m.put("memory", new LinkedHashMap<>(f.memory()));
        return m;
    }

    public static Map<String, Object> service(ServiceFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("utc", f.utc());
        m.putAll(f.states());
        return m;
    }

    public static Map<String, Object> resource(ResourceFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu(f.cpu()));
        m.put("memory", memory(f.memory()));
        m.put("disk", disk(f.disk()));
        m.put("network", network(f.network()));
        m.put("vm", vm(f.vm()));
        m.put("diskio", diskio(f.diskio()));
        m.put("networkio", networkio(f.networkio()));
        m.put("cpuvt", cpuvt(f.cpuvt()));
        m.put("service", service(f.service()));
        m.put("utc", f.utc());
        return m;
    }

    /** Port numbers as string keys, as the seed answers them. */
    public static Map<String, Object> portStatus(Map<Integer, Boolean> status) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<Integer, Boolean> e : status.entrySet()) {
            m.put(Integer.toString(e.getKey()), e.getValue());
        }
        return m;
    }

    public static Map<String, Object> resourceStatis(ResourceStatis s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_util", s.cpuUtil());
        Map<String, Object> disks = new LinkedHashMap<>();
        for (Map.Entry<String, ResourceStatis.DiskUse> e : s.diskUtil().entrySet()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("rate", e.getValue().rate());
            d.put("total", e.getValue().total());
            d.put("used", e.getValue().used());
            disks.put(e.getKey(), d);
        }
        m.put("disk_util", disks);
        m.put("memory_util", s.memoryUtil());
        Map<String, Object> nics = new LinkedHashMap<>();
        for (Map.Entry<String, ResourceStatis.NicRates> e : s.nicUtil().entrySet()) {
            ResourceStatis.NicRates r = e.getValue();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ip", r.ip());
            d.put("read_bytes_avg", r.readBytesAvg());
            d.put("read_bytes_max", r.readBytesMax());
            d.put("write_bytes_avg", r.writeBytesAvg());
            d.put("write_bytes_max", r.writeBytesMax());
            d.put("sum_bytes_avg", r.sumBytesAvg());
            d.put("sum_bytes_max", r.sumBytesMax());
            nics.put(e.getKey(), d);
        }
        m.put("nic_util", nics);
        m.put("utc", s.utc());
        return m;
    }
}
