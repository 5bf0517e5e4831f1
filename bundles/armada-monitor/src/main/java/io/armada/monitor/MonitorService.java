package io.armada.monitor;

import java.util.Collection;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The figures of this node (seed 003 query routes, SPEC §6), read through OSHI and the monitor's own sampler, as
 * typed records. The REST routes shape them into the seed's JSON (fixed keys such as {@code utc}, epoch seconds,
 * beside dynamic keys: mount points, NIC names, disk names); the records' Javadoc names the seed's keys.
 *
 * @since 1.0 (typed answers since 2.0)
 */
@ProviderType
public interface MonitorService {

    /**
     * Logical CPUs and their utilisation over the last sampling interval.
     *
     * @throws io.armada.core.ApiException code 40001 when the figures cannot be read
     * @since 2.0
     */
    CpuFigures cpu();

    /**
     * Whether this node can run virtual machines; its hostname.
     *
     * @throws io.armada.core.ApiException code 40002 when the figures cannot be read
     * @since 2.0
     */
    CpuvtFigures cpuvt();

    /**
     * Total and available memory.
     *
     * @throws io.armada.core.ApiException code 40101 when the figures cannot be read
     * @since 2.0
     */
    MemoryFigures memory();

    /**
     * The real file systems by mount point.
     *
     * @throws io.armada.core.ApiException code 40201 when the figures cannot be read
     * @since 2.0
     */
    DiskFigures disk();

    /**
     * Cumulative bytes per disk and partition.
     *
     * @throws io.armada.core.ApiException code 40202 when the figures cannot be read
     * @since 2.0
     */
    DiskIoFigures diskio();

    /**
     * The physical NICs' configuration.
     *
     * @throws io.armada.core.ApiException code 40301 when the figures cannot be read
     * @since 2.0
     */
    NetworkFigures network();

    /**
     * Drops the cached NIC configuration, so the next {@link #network()} reads it again (after an IP change).
     *
     * @since 1.1
     */
    void networkChanged();

    /**
     * Cumulative bytes per physical NIC.
     *
     * @throws io.armada.core.ApiException code 40302 when the figures cannot be read
     * @since 2.0
     */
    NetworkIoFigures networkio();

    /**
     * Running virtual machines.
     *
     * @throws io.armada.core.ApiException code 40502 when the figures cannot be read
     * @since 2.0
     */
    VmFigures vm();

    /**
     * The operating system and the machine's models.
     *
     * @throws io.armada.core.ApiException code 40401 when the figures cannot be read
     * @since 2.0
     */
    HardwareFigures hardware();

    /**
     * The configured systemd services and their states.
     *
     * @throws io.armada.core.ApiException code 40501 when the states cannot be read
     * @since 2.0
     */
    ServiceFigures service();

    /**
     * All of the above but hardware, in one record. Read at most once a second: callers within that second get the
     * same record, so a caller may key work it derives from the figures on the record's identity.
     *
     * @since 2.0
     */
    ResourceFigures resource();

    /**
     * Number of ESTABLISHED TCP connections (IPv4 and IPv6) whose local port is each of {@code ports}.
     *
     * @param ports port numbers 1..65535
     * @return port → count, in the order given
     * @since 1.0
     */
    Map<Integer, Integer> establishedConnections(Collection<Integer> ports);

    /**
     * The seed's {@code port_status}: per port {@code true} when at least 4 ESTABLISHED TCP connections have it as
     * their local port (a SPICE session opens four channels or more).
     *
     * @param ports comma-separated port numbers, e.g. {@code "55460,5905"}
     * @return port → in use, in the order given
     * @throws io.armada.core.ApiException 88888 when ports is missing or not a list of port numbers
     * @since 2.0
     */
    Map<Integer, Boolean> portStatus(String ports);

    /**
     * Averages over the last {@code statisPeriod} one-second samples.
     *
     * @param statisPeriod 2..60
     * @throws io.armada.core.ApiException 88888 when statisPeriod is outside 2..60
     * @since 2.0
     */
    ResourceStatis resourceStatis(int statisPeriod);

    /**
     * The node's figures in the Prometheus text exposition format (version 0.0.4), with node_exporter's metric
     * names where the figure is the same. Served from the sampler's latest snapshot.
     *
     * @since 1.0
     */
    String metrics();
}
