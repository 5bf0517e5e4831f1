package io.armada.monitor;

import java.util.Collection;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The figures of this node (seed 003 query routes, SPEC §6), read through OSHI and the monitor's own sampler. Every
 * map is a fresh, mutable copy in the seed's shape: fixed keys such as {@code utc} (epoch seconds) mixed with dynamic
 * keys (mount points, NIC names, disk names).
 *
 * @since 1.0
 */
@ProviderType
public interface MonitorService {

    /**
     * {@code numbers} (logical CPUs), {@code utilization} (percent over the last sampling interval), {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40001 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> cpu();

    /**
     * {@code cpuvt}: true when the CPU has vmx/svm, a kvm module is loaded and libvirtd runs; {@code hostname}.
     *
     * @throws io.armada.core.ApiException code 40002 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> cpuvt();

    /**
     * {@code total}, {@code available} (bytes), {@code utilization} (percent), {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40101 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> memory();

    /**
     * Per mount point of a real file system: {@code type} (0 non-rotational, 1 rotational), {@code total},
     * {@code used}, {@code free} (bytes), {@code utilization} (percent); plus {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40201 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> disk();

    /**
     * Per disk and partition: cumulative {@code read_bytes}, {@code write_bytes}; plus {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40202 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> diskio();

    /**
     * Per physical NIC: {@code ip}, {@code mask}, {@code mac}, {@code gateway}, {@code dns1}, {@code dns2},
     * {@code speed} (Mb/s), {@code stat} (link up); plus {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40301 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> network();

    /**
     * Drops the cached NIC configuration, so the next {@link #network()} reads it again (after an IP change).
     *
     * @since 1.1
     */
    void networkChanged();

    /**
     * Per physical NIC: cumulative {@code bytes_recv} (received) and {@code bytes_send} (sent); plus {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40302 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> networkio();

    /**
     * {@code numbers}: running qemu-kvm / qemu-system-* processes; {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40502 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> vm();

    /**
     * {@code server_version} and model → count maps {@code cpu}, {@code disk}, {@code gfxcard}, {@code memory};
     * {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40401 when the figures cannot be read
     * @since 1.0
     */
    Map<String, Object> hardware();

    /**
     * For each configured service its systemd state ({@code running}, {@code exited}, ...) or {@code not found};
     * {@code utc}.
     *
     * @throws io.armada.core.ApiException code 40501 when the states cannot be read
     * @since 1.0
     */
    Map<String, Object> service();

    /**
     * All of the above but hardware, in one object: {@code cpu, cpuvt, memory, disk, diskio, network, networkio, vm,
     * service} and {@code utc}. Read at most once a second: callers within that second get the same (unmodifiable
     * in use) map object, so a caller may key work it derives from the figures on the object's identity.
     *
     * @since 1.0
     */
    Map<String, Object> resource();

    /**
     * Number of ESTABLISHED TCP connections (IPv4 and IPv6) whose local port is each of {@code ports}.
     *
     * @param ports port numbers 1..65535
     * @return port → count, in the order given
     * @since 1.0
     */
    Map<Integer, Integer> establishedConnections(Collection<Integer> ports);

    /**
     * The seed's {@code port_status}: per port (as a string key) {@code true} when at least 4 ESTABLISHED TCP
     * connections have it as their local port (a SPICE session opens four channels or more).
     *
     * @param ports comma-separated port numbers, e.g. {@code "55460,5905"}
     * @throws io.armada.core.ApiException 88888 when ports is missing or not a list of port numbers
     * @since 1.0
     */
    Map<String, Object> portStatus(String ports);

    /**
     * Averages over the last {@code statisPeriod} one-second samples: {@code cpu_util}, {@code memory_util}
     * (strings with two decimals), {@code disk_util} (latest), {@code nic_util} (bytes per second), {@code utc}.
     *
     * @param statisPeriod 2..60
     * @throws io.armada.core.ApiException 88888 when statisPeriod is outside 2..60
     * @since 1.0
     */
    Map<String, Object> resourceStatis(int statisPeriod);

    /**
     * The node's figures in the Prometheus text exposition format (version 0.0.4), with node_exporter's metric
     * names where the figure is the same. Served from the sampler's latest snapshot.
     *
     * @since 1.0
     */
    String metrics();
}
