package io.armada.monitor.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.util.driver.linux.proc.CpuStat;

/**
 * The OSHI objects the monitor reads from. OSHI's native-free Linux implementation ({@code oshi.nativefree}, in
 * oshi-common) is used: it reads {@code /proc} and {@code /sys} like the JNA one but loads no native library and far
 * fewer classes, which matters on a node. Created on the monitor's thread (the first reads run {@code getconf} and
 * {@code lscpu} once and take a moment).
 */
final class Figures {
    final HardwareAbstractionLayer hal;
    final CentralProcessor cpu;
    final GlobalMemory memory;
    final int logicalCpus;
    final long bootTime;
    /** USER_HZ of {@code /proc/stat}, for the sampler's own reading of the CPU ticks; 0 without {@code /proc}. */
    final long userHz;

    Figures() {
        oshi.nativefree.SystemInfo si = new oshi.nativefree.SystemInfo();
        this.hal = si.getHardware(); // OSHI's OperatingSystem is not needed (and not created)
        this.cpu = hal.getProcessor();
        this.memory = hal.getMemory();
        this.logicalCpus = cpu.getLogicalProcessorCount();
        this.bootTime = CpuStat.getBootTime();
        this.userHz = userHz(cpu, logicalCpus);
    }

    /** The three files the sampler reads every second. */
    static final Path PROC_STAT = Path.of("/proc/stat");
    static final Path PROC_MEMINFO = Path.of("/proc/meminfo");
    static final Path PROC_NET_DEV = Path.of("/proc/net/dev");

    private static long userHz(CentralProcessor cpu, int logicalCpus) {
        try {
            long[][] raw = ProcFiles.cpuTicks(Files.readString(PROC_STAT), logicalCpus);
            return ProcFiles.userHz(cpu.getProcessorCpuLoadTicks(), raw);
        } catch (java.io.IOException | RuntimeException e) {
            return 0; // no /proc/stat here: the sampler asks OSHI
        }
    }

    /** Physical NICs (not under /sys/devices/virtual: no lo, bridges, bonds, veth, tun, ifb). */
    List<NetworkIF> physicalNics() {
        List<NetworkIF> out = new ArrayList<>();
        for (NetworkIF n : hal.getNetworkIFs(false)) {
            if (isPhysicalNic(n.getName())) {
                out.add(n);
            }
        }
        return out;
    }

    /** Disks with a device behind them (OSHI's native-free list already skips loop, ram, zram and dm devices). */
    List<HWDiskStore> disks() {
        return hal.getDiskStores();
    }

    /** The original's test: a NIC is physical when its sysfs entry is not under /sys/devices/virtual/net. */
    static boolean isPhysicalNic(String name) {
        return isPhysicalNic(Path.of("/sys/class/net"), name);
    }

    static boolean isPhysicalNic(Path sysClassNet, String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            return false;
        }
        Path p = sysClassNet.resolve(name);
        try {
            return Files.exists(p) && !p.toRealPath().toString().contains("/devices/virtual/");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
