package io.armada.monitor.rest;

import static org.junit.Assert.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Json;
import io.armada.monitor.CpuFigures;
import io.armada.monitor.CpuvtFigures;
import io.armada.monitor.DiskFigures;
import io.armada.monitor.DiskIoFigures;
import io.armada.monitor.HardwareFigures;
import io.armada.monitor.MemoryFigures;
import io.armada.monitor.NetworkFigures;
import io.armada.monitor.NetworkIoFigures;
import io.armada.monitor.ResourceStatis;
import io.armada.monitor.ServiceFigures;
import io.armada.monitor.VmFigures;

/** The seed's JSON of every figure record, byte for byte (originals.md §003: keys, their order, number types). */
public class SeedRowsTest {
    private static final ObjectMapper JSON = Json.newMapper();

    private static String json(Object o) throws JsonProcessingException {
        return JSON.writeValueAsString(o);
    }

    private static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2) {
        Map<String, V> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @Test
    public void fixedKeysInTheSeedsOrder() throws JsonProcessingException {
        assertEquals("{\"numbers\":4,\"utc\":9,\"utilization\":12.5}", json(SeedRows.cpu(new CpuFigures(4, 12.5, 9))));
        assertEquals("{\"cpuvt\":false,\"hostname\":\"n1\"}", json(SeedRows.cpuvt(new CpuvtFigures(false, "n1"))));
        assertEquals("{\"available\":40,\"total\":100,\"utc\":9,\"utilization\":60.0}",
                json(SeedRows.memory(new MemoryFigures(100, 40, 60.0, 9))));
        assertEquals("{\"numbers\":0,\"utc\":9}", json(SeedRows.vm(new VmFigures(0, 9))));
    }

    @Test
    public void dynamicKeysBesideUtc() throws JsonProcessingException {
        assertEquals("{\"utc\":9,\"/\":{\"type\":1,\"total\":10,\"used\":4,\"free\":5,\"utilization\":40.0},"
                + "\"/data\":{\"type\":0,\"total\":20,\"used\":0,\"free\":20,\"utilization\":0.0}}",
                json(SeedRows.disk(new DiskFigures(ordered("/", new DiskFigures.FileSystem(1, 10, 4, 5, 40.0), "/data",
                        new DiskFigures.FileSystem(0, 20, 0, 20, 0.0)), 9))));
        assertEquals("{\"sda\":{\"read_bytes\":1,\"write_bytes\":2},\"sda1\":{\"read_bytes\":3,\"write_bytes\":4},\"utc\":9}",
                json(SeedRows.diskio(new DiskIoFigures(ordered("sda", new DiskIoFigures.Counters(1, 2), "sda1",
                        new DiskIoFigures.Counters(3, 4)), 9))));
        assertEquals("{\"utc\":9,\"eth0\":{\"ip\":\"10.0.0.5\",\"mac\":\"52:54:00:00:00:01\",\"mask\":\"255.255.255.0\","
                + "\"gateway\":\"10.0.0.1\",\"dns1\":\"\",\"dns2\":\"\",\"speed\":1000,\"stat\":true}}",
                json(SeedRows.network(new NetworkFigures(Map.of("eth0", new NetworkFigures.Nic("10.0.0.5",
                        "52:54:00:00:00:01", "255.255.255.0", "10.0.0.1", "", "", 1000, true)), 9))));
        assertEquals("{\"utc\":9,\"eth0\":{\"bytes_recv\":7,\"bytes_send\":8}}",
                json(SeedRows.networkio(new NetworkIoFigures(Map.of("eth0", new NetworkIoFigures.Counters(7, 8)), 9))));
        assertEquals("{\"utc\":9,\"server_version\":\"Rocky 9\",\"cpu\":{\"Xeon\":2},\"disk\":{},\"gfxcard\":{},"
                + "\"memory\":{\"unknown\":4}}", json(SeedRows.hardware(new HardwareFigures("Rocky 9", Map.of("Xeon", 2),
                        Map.of(), Map.of(), Map.of("unknown", 4), 9))));
        assertEquals("{\"utc\":9,\"sshd\":\"running\"}", json(SeedRows.service(new ServiceFigures(Map.of("sshd", "running"), 9))));
        assertEquals("{\"5905\":true,\"1\":false}", json(SeedRows.portStatus(ordered("5905", true, "1", false).entrySet()
                .stream().collect(LinkedHashMap<Integer, Boolean>::new, (m, e) -> m.put(Integer.valueOf(e.getKey()),
                        e.getValue()), Map::putAll))));
    }

    @Test
    public void resourceStatisKeepsItsStringsAndLongs() throws JsonProcessingException {
        ResourceStatis s = new ResourceStatis("1.50", Map.of("/", new ResourceStatis.DiskUse("40.00", 10, 4)), "60.25",
                Map.of("eth0", new ResourceStatis.NicRates("10.0.0.5", 1, 2, 3, 4, 5, 6)), 9);
        assertEquals("{\"cpu_util\":\"1.50\",\"disk_util\":{\"/\":{\"rate\":\"40.00\",\"total\":10,\"used\":4}},"
                + "\"memory_util\":\"60.25\",\"nic_util\":{\"eth0\":{\"ip\":\"10.0.0.5\",\"read_bytes_avg\":1,"
                + "\"read_bytes_max\":2,\"write_bytes_avg\":3,\"write_bytes_max\":4,\"sum_bytes_avg\":5,"
                + "\"sum_bytes_max\":6}},\"utc\":9}", json(SeedRows.resourceStatis(s)));
    }
}
