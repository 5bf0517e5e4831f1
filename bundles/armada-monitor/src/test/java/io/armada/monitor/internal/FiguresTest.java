package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import oshi.hardware.HWDiskStore;
import oshi.hardware.HWPartition;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

/**
 * The disks' counters and the NICs the monitor reads without OSHI: the same as OSHI's on this machine, and the disk
 * list of a sysfs copy.
 */
public class FiguresTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    public void disksAreTheBlockDevicesWithADeviceAndTheirPartitions() throws IOException {
        Path block = tmp.getRoot().toPath().resolve("block");
        write(block.resolve("vda/device/vendor"), "0x1af4\n");
        write(block.resolve("vda/stat"), "  5006  2045  445338  3380  1503  1931  64696  2771  0  4316  6152  0  0  0  0"
                + "  0  0\n");
        write(block.resolve("vda/vda1/stat"), "4000 0 400000 0 1000 0 60000 0 0 0 0\n");
        write(block.resolve("vda/vda2/stat"), "1 0 8 0 0 0 0 0 0 0 0\n");
        Files.createDirectories(block.resolve("vda/queue")); // not a partition
        write(block.resolve("sdb/device/type"), "0\n");
        write(block.resolve("sdb/stat"), "not a stat line\n");
        write(block.resolve("loop0/stat"), "1 2 3 4 5 6 7 8 9 10 11\n"); // no device behind it
        write(block.resolve("zram0/stat"), "1 2 3 4 5 6 7 8 9 10 11\n");
        List<DiskStats.Disk> disks = DiskStats.read(block.toFile());
        Map<String, DiskStats.Disk> byName = new TreeMap<>();
        disks.forEach(d -> byName.put(d.name(), d));
        assertEquals(List.of("sdb", "vda"), new ArrayList<>(byName.keySet()));
        DiskStats.Disk vda = byName.get("vda");
        assertEquals(5006, vda.reads());
        assertEquals(445338L * 512, vda.readBytes());
        assertEquals(1503, vda.writes());
        assertEquals(64696L * 512, vda.writeBytes());
        assertEquals(4316, vda.transferMillis());
        assertEquals(List.of("vda1", "vda2"), vda.partitions().stream().sorted().toList());
        assertEquals(new DiskStats.Disk("sdb", 0, 0, 0, 0, 0, List.of()), byName.get("sdb"));
        assertEquals(List.of(), DiskStats.read(new File(tmp.getRoot(), "none")));
    }

    @Test
    public void onLinuxTheDisksAreOshis() {
        Assume.assumeTrue(new File("/sys/block").isDirectory());
        HardwareAbstractionLayer hal = new oshi.nativefree.SystemInfo().getHardware();
        List<HWDiskStore> theirs = hal.getDiskStores();
        List<DiskStats.Disk> ours = DiskStats.read();
        assertEquals(theirs.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            HWDiskStore t = theirs.get(i);
            DiskStats.Disk o = ours.get(i);
            assertEquals("/dev/" + o.name(), t.getName());
            // counters that moved between the two readings only grow
            assertTrue(o.reads() >= t.getReads() && o.readBytes() >= t.getReadBytes());
            assertTrue(o.writes() >= t.getWrites() && o.writeBytes() >= t.getWriteBytes());
            assertTrue(o.transferMillis() >= t.getTransferTime());
            List<String> parts = new ArrayList<>();
            for (HWPartition p : t.getPartitions()) {
                parts.add(p.getIdentification());
            }
            assertEquals(parts.stream().sorted().toList(), o.partitions().stream().sorted().toList());
        }
    }

    @Test
    public void onLinuxThePhysicalNicsAreOshis() {
        Assume.assumeTrue(new File("/sys/class/net").isDirectory());
        HardwareAbstractionLayer hal = new oshi.nativefree.SystemInfo().getHardware();
        List<NetworkIF> theirs = new ArrayList<>();
        for (NetworkIF n : hal.getNetworkIFs(false)) {
            if (Figures.isPhysicalNic(n.getName())) {
                theirs.add(n);
            }
        }
        List<Figures.Nic> ours = new Figures().physicalNics();
        assertFalse("this machine has a physical NIC", ours.isEmpty());
        assertEquals(theirs.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            NetworkIF t = theirs.get(i);
            Figures.Nic o = ours.get(i);
            assertEquals(t.getName(), o.name());
            assertEquals(t.getMacaddr(), o.mac());
            assertEquals(Arrays.asList(t.getIPv4addr()), o.ipv4());
            assertEquals(Arrays.asList(t.getSubnetMasks()), o.prefixLengths());
            assertEquals(t.getSpeed() > 0 ? t.getSpeed() / 1_000_000L : 0L, o.speedMbps());
            assertEquals(t.isConnectorPresent(), o.connectorPresent());
        }
    }

    @Test
    public void onLinuxTheCpuFlagsAreOshis() {
        Assume.assumeTrue(new File("/proc/cpuinfo").canRead());
        HardwareAbstractionLayer hal = new oshi.nativefree.SystemInfo().getHardware();
        List<String> ours = new Figures().cpuFlagLines();
        assertFalse(ours.isEmpty());
        for (String flag : List.of("vmx", "svm", "sse2", "fpu")) {
            assertEquals(flag, hasFlag(hal.getProcessor().getFeatureFlags(), flag), hasFlag(ours, flag));
        }
    }

    private static boolean hasFlag(List<String> lines, String flag) {
        for (String line : lines) {
            if (Arrays.asList(line.split("[\\s:]+")).contains(flag)) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void macAddressesAsOshiWritesThem() {
        assertEquals("52:54:00:0a:ff:01", Figures.mac(new byte[] {0x52, 0x54, 0x00, 0x0a, (byte) 0xff, 0x01}));
    }
}
