package io.armada.monitor.internal;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * What the monitor knows of this machine once it has started: the number of logical CPUs and USER_HZ, read from
 * {@code /proc} (the sampler reads the CPU ticks itself), and OSHI's objects for the hardware inventory (CPU model
 * and flags, disk models, graphics cards, memory modules) and for a machine without {@code /proc}.
 * <p>
 * OSHI is made at its first use, not at start: on a node, the routine path (the sampler, reports, {@code /metrics})
 * reads {@code /proc} and {@code /sys} with {@link ProcFiles}, {@link DiskStats} and {@link #physicalNics()}, and OSHI's
 * classes (about 110, and the {@code lscpu}/{@code getconf} runs of its first reads) cost a node's memory only when
 * the hardware inventory or cpuvt is asked for. OSHI's native-free Linux implementation ({@code oshi.nativefree},
 * in oshi-common) is the one used: it loads no native library.
 */
final class Figures {
    /** {@code AT_CLKTCK} of the auxiliary vector: the kernel's USER_HZ, the unit of {@code /proc/stat}. */
    private static final long AT_CLKTCK = 17;

    final int logicalCpus;
    /** USER_HZ of {@code /proc/stat}, for the sampler's own reading of the CPU ticks; 0 without {@code /proc}. */
    final long userHz;

    private volatile Oshi oshi;

    /** OSHI's objects, made together on first use. */
    private static final class Oshi {
        final HardwareAbstractionLayer hal;
        final CentralProcessor cpu;
        final GlobalMemory memory;

        Oshi() {
            this.hal = new oshi.nativefree.SystemInfo().getHardware(); // OSHI's OperatingSystem is not needed
            this.cpu = hal.getProcessor();
            this.memory = hal.getMemory();
        }
    }

    Figures() {
        int cpus = 0;
        try {
            cpus = ProcFiles.cpuLines(Files.readString(PROC_STAT));
        } catch (java.io.IOException | RuntimeException e) {
            cpus = 0; // no /proc/stat here: OSHI's count, and the sampler asks OSHI
        }
        if (cpus > 0) {
            this.logicalCpus = cpus;
            this.userHz = userHz(Path.of("/proc/self/auxv"));
        } else {
            this.logicalCpus = oshi().cpu.getLogicalProcessorCount();
            this.userHz = 0;
        }
    }

    /** The three files the sampler reads every second. */
    static final Path PROC_STAT = Path.of("/proc/stat");
    static final Path PROC_MEMINFO = Path.of("/proc/meminfo");
    static final Path PROC_NET_DEV = Path.of("/proc/net/dev");

    private Oshi oshi() {
        Oshi o = oshi;
        if (o == null) {
            synchronized (this) {
                o = oshi;
                if (o == null) {
                    o = new Oshi();
                    oshi = o;
                }
            }
        }
        return o;
    }

    /** Whether OSHI's objects have been made (tests: the routine path must not make them). */
    boolean oshiLoaded() {
        return oshi != null;
    }

    HardwareAbstractionLayer hal() {
        return oshi().hal;
    }

    CentralProcessor cpu() {
        return oshi().cpu;
    }

    GlobalMemory memory() {
        return oshi().memory;
    }

    /**
     * {@code {MemTotal, MemAvailable}} in bytes from {@code /proc/meminfo}; OSHI's figures where the file or a field
     * is missing (before Linux 3.14 OSHI estimates the available memory).
     */
    long[] memTotalAvailable() {
        try {
            long[] m = ProcFiles.memTotalAvailable(Files.readString(PROC_MEMINFO));
            if (m[0] >= 0 && m[1] >= 0) {
                return m;
            }
        } catch (java.io.IOException e) {
            // OSHI's, below
        }
        return new long[] {memory().getTotal(), memory().getAvailable()};
    }

    /**
     * USER_HZ from the auxiliary vector the kernel gave this process ({@code AT_CLKTCK}, what {@code getconf CLK_TCK}
     * answers); 100, Linux's USER_HZ on nearly every architecture, when it cannot be read.
     */
    static long userHz(Path auxv) {
        try {
            long hz = auxvValue(Files.readAllBytes(auxv), "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8,
                    ByteOrder.nativeOrder(), AT_CLKTCK);
            return hz > 0 ? hz : 100;
        } catch (java.io.IOException | RuntimeException e) {
            return 100;
        }
    }

    /** The value of {@code type} in an auxiliary vector (pairs of machine words up to AT_NULL), or -1. */
    static long auxvValue(byte[] auxv, int wordSize, ByteOrder order, long type) {
        ByteBuffer b = ByteBuffer.wrap(auxv).order(order);
        while (b.remaining() >= 2 * wordSize) {
            long t = wordSize == 8 ? b.getLong() : Integer.toUnsignedLong(b.getInt());
            long v = wordSize == 8 ? b.getLong() : Integer.toUnsignedLong(b.getInt());
            if (t == 0) {
                return -1;
            }
            if (t == type) {
                return v;
            }
        }
        return -1;
    }

    /** A physical NIC's configuration, as OSHI's {@code NetworkIF} gives it. */
    record Nic(String name, String mac, List<String> ipv4, List<Short> prefixLengths, long speedMbps,
            boolean connectorPresent) {
    }

    /**
     * Physical NICs (not under /sys/devices/virtual: no lo, bridges, bonds, veth, tun, ifb), in the JDK's order of
     * interfaces, as OSHI lists them (its non-local interfaces: not loopback, with a hardware address): the addresses
     * from the JDK, the MAC as OSHI writes it, the speed and carrier from sysfs.
     */
    List<Nic> physicalNics() {
        List<NetworkInterface> all;
        try {
            all = Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException | RuntimeException e) {
            return List.of();
        }
        List<Nic> out = new ArrayList<>();
        for (NetworkInterface ni : all) {
            try {
                byte[] hw = ni.getHardwareAddress();
                if (ni.isLoopback() || hw == null || !isPhysicalNic(ni.getName())) {
                    continue;
                }
                List<String> ipv4 = new ArrayList<>();
                List<Short> prefixes = new ArrayList<>();
                for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                    InetAddress address = a.getAddress();
                    String host = address == null ? "" : address.getHostAddress();
                    if (!host.isEmpty() && !host.contains(":")) {
                        ipv4.add(host);
                        prefixes.add(a.getNetworkPrefixLength());
                    }
                }
                Path sys = Path.of("/sys/class/net", ni.getName());
                long speed = ProcFiles.longOrZero(ProcFiles.firstLine(sys.resolve("speed")));
                boolean carrier = ProcFiles.longOrZero(ProcFiles.firstLine(sys.resolve("carrier"))) > 0;
                out.add(new Nic(ni.getName(), mac(hw), List.copyOf(ipv4), List.copyOf(prefixes), Math.max(0, speed),
                        carrier));
            } catch (SocketException | RuntimeException e) {
                // gone meanwhile: not listed, as OSHI does
            }
        }
        return out;
    }

    /** "52:54:00:12:34:56", as OSHI writes a hardware address. */
    static String mac(byte[] hw) {
        StringBuilder sb = new StringBuilder(hw.length * 3);
        for (byte b : hw) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format(java.util.Locale.ROOT, "%02x", b));
        }
        return sb.toString();
    }

    /**
     * The CPU's feature flag lines: those of {@code /proc/cpuinfo} that start with "flags" (x86's vmx and svm are
     * there), else OSHI's (which also reads {@code lscpu} and the ARM "Features" lines, where neither is).
     */
    List<String> cpuFlagLines() {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    out.add(line);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // OSHI's, below
        }
        return cpu().getFeatureFlags();
    }

    /** OSHI's disks, with their models (the hardware inventory). */
    List<HWDiskStore> diskStores() {
        return hal().getDiskStores();
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
