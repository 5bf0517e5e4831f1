package io.armada.monitor;

/**
 * {@code resource}: every figure but hardware, read together.
 *
 * @since 2.0
 */
public record ResourceFigures(CpuFigures cpu, MemoryFigures memory, DiskFigures disk, NetworkFigures network,
        VmFigures vm, DiskIoFigures diskio, NetworkIoFigures networkio, CpuvtFigures cpuvt, ServiceFigures service,
        long utc) {
}
